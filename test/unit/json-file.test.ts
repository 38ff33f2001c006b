import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempFileOf, tempPathFor, writeFileAtomic } from '../../electron/engine/json-file.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('writeFileAtomic and its temporary files', () => {
  it('writes the file whole and leaves no temporary file behind', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'orgport-json-file-'));
    const file = path.join(dir, 'state.json');
    await writeFileAtomic(file, '{"a":1}\n');
    await writeFileAtomic(file, '{"a":2}\n');
    expect(await readFile(file, 'utf8')).toBe('{"a":2}\n');
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('tells the temporary files it writes (what a killed writer leaves) from every other name', () => {
    for (let i = 0; i < 50; i++) {
      expect(tempFileOf(path.basename(tempPathFor('/data/jobs/x/state.json')))).toBe('state.json');
    }
    expect(tempFileOf('job.json.7-000000.tmp')).toBe('job.json');
    for (const other of [
      'state.json',
      'state.json.tmp',
      'state.json.12-A1B2C3.tmp',
      'state.json.12-a1b2c.tmp',
      'state.json.12-a1b2c3.tmp.bak',
      'state.json.x-a1b2c3.tmp',
    ])
      expect(tempFileOf(other), other).toBeNull();
  });
});
