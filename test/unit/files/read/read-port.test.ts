import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FileReadError,
  connectFileReading,
  inspectFile,
  readRows,
  serveFileReading,
  startReadWorker,
  type ReadRow,
} from '../../../../electron/engine/files/read/index.ts';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/import');
const fixture = (name: string): string => path.join(fixtures, name);

async function collect(rows: AsyncGenerator<ReadRow>): Promise<ReadRow[]> {
  const out: ReadRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function channel(): ReturnType<typeof connectFileReading> {
  const { port1, port2 } = new MessageChannel();
  const stop = serveFileReading(port2);
  const client = connectFileReading(port1);
  cleanups.push(() => {
    stop();
    port1.close();
    port2.close();
  });
  return client;
}

describe('reading across a message port', () => {
  it('gives the same summary and rows as reading directly, dates included', async () => {
    const client = channel();
    for (const name of ['cell-types.xlsx', 'quoted-multiline.csv', 'windows-1252.csv']) {
      expect(await client.inspectFile(fixture(name))).toEqual(await inspectFile(fixture(name)));
      expect(await collect(client.readRows(fixture(name)))).toEqual(await collect(readRows(fixture(name))));
    }
    const [first] = await collect(client.readRows(fixture('cell-types.xlsx')));
    expect(first?.cells[1]).toBeInstanceOf(Date);
  });

  it('passes options and returns errors as FileReadErrors', async () => {
    const client = channel();
    expect((await client.inspectFile(fixture('hidden-first-sheet.xlsx'), { sheet: 0 })).sheet).toBe(
      'Old data',
    );
    await expect(client.inspectFile(fixture('legacy.xls'))).rejects.toMatchObject({ code: 'legacy-xls' });
    const error = await collect(client.readRows(fixture('header-only.csv'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileReadError);
    expect(error).toMatchObject({ code: 'no-data-rows', fileName: 'header-only.csv' });
  });

  it('cancels on abort and closes the file when the caller stops early', async () => {
    const client = channel();
    const before = fs.readdirSync('/proc/self/fd').length;
    const controller = new AbortController();
    const aborted = (async () => {
      for await (const _row of client.readRows(fixture('streamed.xlsx'), { signal: controller.signal })) {
        controller.abort();
      }
    })();
    await expect(aborted).rejects.toMatchObject({ code: 'aborted' });
    for await (const _row of client.readRows(fixture('wide-60-columns.csv'))) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fs.readdirSync('/proc/self/fd').length).toBeLessThanOrEqual(before);
  });

  it('rejects pending requests when the connection closes', async () => {
    const { port1 } = new MessageChannel(); // nobody serves the other end
    const client = connectFileReading(port1);
    const pending = client.inspectFile(fixture('utf8-comma.csv'));
    client.close(new Error('worker died'));
    await expect(pending).rejects.toThrow('worker died');
    await expect(client.inspectFile(fixture('utf8-comma.csv'))).rejects.toThrow('worker died');
    port1.close();
  });
});

describe('startReadWorker', () => {
  it('reads in a worker thread', async () => {
    const worker = startReadWorker();
    cleanups.push(() => worker.terminate());
    const summary = await worker.inspectFile(fixture('two-sheets-first-empty.xlsx'));
    expect(summary.sheet).toBe('Organizations');
    expect(await collect(worker.readRows(fixture('two-sheets-first-empty.xlsx')))).toEqual([
      { rowNumber: 2, cells: ['Acme', 'jane@acme.test', 3] },
      { rowNumber: 3, cells: ['Beta', 'john@beta.test', 0] },
    ]);
    await expect(worker.inspectFile(fixture('empty.csv'))).rejects.toMatchObject({ code: 'empty-file' });
  });
});
