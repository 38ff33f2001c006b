import { mkdir, mkdtemp, readdir, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobState } from '../../../shared/jobs.ts';
import {
  IMPORT_FILES_FOLDER,
  pruneImportFileCopies,
} from '../../../electron/engine/app/import-file-copies.ts';
import type { StoredJob } from '../../../electron/engine/jobs/core/job-store.ts';

const HOUR = 60 * 60 * 1000;

async function copyFolder(dataDir: string, name: string, ageMs: number): Promise<string> {
  const folder = path.join(dataDir, IMPORT_FILES_FOLDER, name);
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, 'list.csv');
  await writeFile(file, 'Name\nAcme\n');
  const at = new Date(Date.now() - ageMs);
  await utimes(folder, at, at);
  return file;
}

/** Only the parts of a stored job the prune reads. */
function job(state: JobState, spec: unknown): StoredJob {
  return { job: { spec }, summary: { state } } as unknown as StoredJob;
}

describe('pruneImportFileCopies', () => {
  it('keeps the copies unfinished jobs read and removes the rest once past the grace period', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'orgport-copies-'));
    const stoppedFile = await copyFolder(dataDir, 'aaaa', 5 * HOUR);
    const pausedFile = await copyFolder(dataDir, 'bbbb', 5 * HOUR);
    const doneFile = await copyFolder(dataDir, 'cccc', 5 * HOUR);
    await copyFolder(dataDir, 'dddd', 5 * HOUR); // no job at all
    await copyFolder(dataDir, 'eeee', 0); // just copied, its job not created yet

    const removed = await pruneImportFileCopies({
      dataDir,
      jobs: async () => [
        job('stopped', { file: stoppedFile }),
        job('paused', { file: pausedFile }),
        job('done', { file: doneFile }),
        job('cancelled', { file: path.join(dataDir, IMPORT_FILES_FOLDER, 'bbbb', 'list.csv') }),
        job('running', { file: '/somewhere/else/list.csv' }),
        job('queued', { ids: [1, 2] }),
      ],
    });

    expect(removed.map((folder) => path.basename(folder)).sort()).toEqual(['cccc', 'dddd']);
    expect((await readdir(path.join(dataDir, IMPORT_FILES_FOLDER))).sort()).toEqual(['aaaa', 'bbbb', 'eeee']);
  });

  it('does nothing when there is no copy folder', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'orgport-copies-'));
    let listed = false;
    const removed = await pruneImportFileCopies({
      dataDir,
      jobs: async () => {
        listed = true;
        return [];
      },
    });
    expect(removed).toEqual([]);
    expect(listed).toBe(false);
  });
});
