import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FileReadError,
  localFileReading,
  sharedReadWorker,
  stopSharedReadWorker,
} from '../../../electron/engine/files/read/index.ts';
import {
  closeImport,
  openImport,
  type ImportCatalog,
  type ImportSession,
} from '../../../electron/engine/import/index.ts';
import { demoCatalog } from './demo-catalog.ts';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/import');
const fixture = (name: string): string => path.join(fixtures, name);
const BIG_ROWS = 200_000;

let dir: string;
let big: string;
let catalog: ImportCatalog;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orgport-off-thread-'));
  catalog = await demoCatalog();
  big = path.join(dir, 'big.csv');
  const out = createWriteStream(big);
  out.write('Company,City,Employees\r\n');
  let chunk = '';
  for (let i = 1; i <= BIG_ROWS; i++) {
    chunk += `Company ${i},Zürich,${i % 500}\r\n`;
    if (i % 10_000 === 0) {
      out.write(chunk);
      chunk = '';
    }
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  // Started (and its modules loaded) before the tests, so no test measures the worker's start.
  await sharedReadWorker().inspectFile(fixture('utf8-comma.csv'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** What a session shows, without its random id and temporary store. */
async function shape(session: ImportSession): Promise<unknown> {
  const rows = await session.spool.read(0, session.spool.count);
  return {
    file: session.file,
    mapping: session.autoMapping,
    samples: session.samples,
    rows: rows.map((r) => [r.rowNumber, r.cells, r.issues]),
  };
}

describe('opening a file in the reading worker', () => {
  it('keeps this thread free while a 200,000-row file is read', async () => {
    let ticks = 0;
    let maxGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      ticks += 1;
    }, 10);
    const before = performance.eventLoopUtilization();
    const progress: number[] = [];
    const session = await openImport(big, { catalog, onProgress: (n) => progress.push(n) });
    const busy = performance.eventLoopUtilization(before);
    clearInterval(timer);
    try {
      expect(session.file.rows).toBe(BIG_ROWS);
      expect(progress.at(-1)).toBe(BIG_ROWS);
      expect(progress.length).toBeGreaterThan(10);
      // Parsing in this thread keeps its event loop busy nearly all the time; here it mostly waits.
      // (Generous bounds: a loaded 2-core machine delays a timer, it does not make this thread work.)
      expect(busy.utilization).toBeLessThan(0.5);
      expect(ticks).toBeGreaterThan(10);
      expect(maxGap).toBeLessThan(3000);
    } finally {
      await closeImport(session);
    }
  });

  it('gives exactly what reading in this thread gives', async () => {
    for (const name of [
      'cell-types.xlsx',
      'quoted-multiline.csv',
      'ragged-rows.csv',
      'windows-1252.csv',
      'header-only.csv',
      'title-rows.csv',
    ]) {
      const there = await openImport(fixture(name), { catalog });
      const here = await openImport(fixture(name), { catalog, reader: localFileReading });
      try {
        expect(await shape(there), name).toEqual(await shape(here));
      } finally {
        await closeImport(there);
        await closeImport(here);
      }
    }
  });

  it('names the file and the problem in its errors, and leaves no temporary rows', async () => {
    const tempDir = await mkdtemp(path.join(dir, 'errors-'));
    const cases: Array<[string, string]> = [
      ['legacy.xls', 'legacy-xls'],
      ['empty.csv', 'empty-file'],
      ['binary-junk.csv', 'binary-content'],
      ['no-such-file.csv', 'not-found'],
    ];
    for (const [name, code] of cases) {
      const error = await openImport(fixture(name), { catalog, tempDir }).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(FileReadError);
      expect(error).toMatchObject({ code, fileName: name });
      expect((error as FileReadError).message).toContain(name);
    }
    const sheet = await openImport(fixture('two-sheets-first-empty.xlsx'), {
      catalog,
      tempDir,
      read: { sheet: 'Nope' },
    }).catch((e: unknown) => e);
    expect(sheet).toMatchObject({ code: 'sheet-not-found' });
    expect(await readdir(tempDir)).toEqual([]);
  });

  it('stops when cancelled, and deletes what it had stored', async () => {
    const tempDir = await mkdtemp(path.join(dir, 'cancel-'));
    const controller = new AbortController();
    const opening = openImport(big, {
      catalog,
      tempDir,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(opening).rejects.toMatchObject({ code: 'aborted', fileName: 'big.csv' });
    expect(await readdir(tempDir)).toEqual([]);
    const already = openImport(big, { catalog, tempDir, signal: AbortSignal.abort() });
    await expect(already).rejects.toMatchObject({ code: 'aborted' });
  });

  it('fails what is in flight when its worker stops, and the next read starts a new worker', async () => {
    const tempDir = await mkdtemp(path.join(dir, 'crash-'));
    const reading = sharedReadWorker().copyRows(big, {
      storeFile: path.join(tempDir, 'rows'),
      samplesPerColumn: 10,
      onProgress: () => void stopSharedReadWorker(),
    });
    await expect(reading).rejects.toThrow(/file-reading worker stopped/);
    expect((await sharedReadWorker().inspectFile(fixture('utf8-comma.csv'))).format).toBe('csv');
  });
});
