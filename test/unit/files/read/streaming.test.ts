import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FileReadError,
  inspectFile,
  readRows,
  type ReadRow,
} from '../../../../electron/engine/files/read/index.ts';
import { CsvTextLog } from '../../../../electron/engine/files/read/csv-text-log.ts';
import { openFile } from '../../../../electron/engine/files/read/open-file.ts';

let dir = '';
const ROWS = 20_000;

/** Row i of the big CSV: every 7th has a quoted line break, and there are multi-byte characters. */
function csvLine(i: number): string {
  const note = i % 7 === 0 ? `"line one\nline two, ${i}"` : `note ${i}`;
  return `Société ${i};Zürich €;${note};${i % 100 === 0 ? '' : String(i).padStart(6, '0')}`;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgport-read-'));
  const lines = ['Name;City;Notes;Code', ...Array.from({ length: ROWS }, (_, i) => csvLine(i + 1))];
  // UTF-16 LE: every chunk boundary can cut a character or a quoted field in two.
  fs.writeFileSync(
    path.join(dir, 'big.csv'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(lines.join('\r\n') + '\r\n', 'utf-16le')]),
  );
  // 60 regular rows (past the part read to decide the layout), then one too wide.
  fs.writeFileSync(
    path.join(dir, 'late-wide.csv'),
    ['Name,City', ...Array.from({ length: 60 }, (_, i) => `Org ${i},Berlin`), 'Late,Köln,surprise,more'].join(
      '\n',
    ),
  );
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path.join(dir, 'big.xlsx'),
    useSharedStrings: true,
  });
  const ws = wb.addWorksheet('Data');
  ws.addRow(['ID', 'Name', 'Created']).commit();
  for (let i = 1; i <= 3000; i++) {
    const row = ws.addRow([i, `Org ${i}`, new Date(Date.UTC(2024, 0, 1 + (i % 365)))]);
    row.getCell(3).numFmt = 'dd.mm.yyyy';
    row.commit();
  }
  ws.commit();
  await wb.commit();
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function all(file: string, options = {}): Promise<ReadRow[]> {
  const rows: ReadRow[] = [];
  for await (const row of readRows(file, options)) rows.push(row);
  return rows;
}

function openDescriptors(): number {
  return fs.readdirSync('/proc/self/fd').length;
}

describe('streamed reading', () => {
  it('reads a large UTF-16 CSV exactly, across chunk boundaries', async () => {
    const rows = await all(path.join(dir, 'big.csv'));
    expect(rows).toHaveLength(ROWS);
    // Row numbers are record numbers: the header is 1, data rows follow one per record.
    expect(rows.map((r) => r.rowNumber)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 2));
    for (const i of [1, 7, 700, 4999, 13_999, ROWS]) {
      const expected = csvLine(i)
        .replace(/"([^"]*)"/, (_m, inner: string) => inner.replaceAll(';', '\u0000'))
        .split(';')
        .map((c) => (c === '' ? null : c.replaceAll('\u0000', ';')));
      expect(rows[i - 1]?.cells).toEqual(expected);
    }
    expect(rows.every((r) => r.issues === undefined)).toBe(true);
  });

  // The decoder hands papaparse chunks cut after their last line break; whatever the cut meets (a
  // quoted line break, a character of several bytes, a row longer than a chunk, CR-only or no final
  // line break), every row must be the one a parse of the whole text gives.
  for (const [name, encoding, newline, finalBreak] of [
    ['utf-8 with CRLF', 'utf-8', '\r\n', true],
    ['utf-8 with LF, no final line break', 'utf-8', '\n', false],
    ['windows-1252 with CR only', 'windows-1252', '\r', true],
  ] as const) {
    it(`reads a long ${name} file exactly, whatever a chunk's end cuts`, async () => {
      let state = 17;
      const next = (): number => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
      const cell = (i: number): string => {
        const r = next();
        if (r < 0.05) return 'x'.repeat(70_000 + i); // longer than a chunk of 64 KB
        if (r < 0.2) return `"quoted${newline}line break, ""${i}"""`;
        if (r < 0.35) return `Zürich ${encoding === 'utf-8' ? 'δ€😀' : '€é'} ${i}`;
        if (r < 0.45) return '';
        return `plain ${i}`;
      };
      const lines = ['Name,City,Notes,Code'];
      for (let i = 0; i < 4000; i++) lines.push([0, 1, 2, 3].map((c) => cell(i * 4 + c)).join(','));
      const text = lines.join(newline) + (finalBreak ? newline : '');
      const file = path.join(dir, `cut-${encoding}-${newline.length}-${String(finalBreak)}.csv`);
      fs.writeFileSync(file, iconv.encode(text, encoding));
      const expected = Papa.parse<string[]>(text, { delimiter: ',', newline })
        .data.slice(1)
        // Blank records are skipped (and a final line break leaves one).
        .filter((fields) => fields.some((f) => f !== ''))
        .map((fields) => fields.map((f) => (f === '' ? null : f)));
      const rows = await all(file, { encoding, delimiter: ',' });
      expect(rows.length).toBe(expected.length);
      expect(rows.map((r) => r.cells)).toEqual(expected);
      expect(rows.every((r) => r.issues === undefined)).toBe(true);
    });
  }

  it('estimates the row count of a file it reads only in part', async () => {
    const summary = await inspectFile(path.join(dir, 'big.csv'));
    expect(summary.encoding).toEqual({ name: 'utf-16le', bomBytes: 2, source: 'bom' });
    expect(summary.dataRows.exact).toBe(false);
    expect(summary.dataRows.count).toBeGreaterThan(ROWS * 0.85);
    expect(summary.dataRows.count).toBeLessThan(ROWS * 1.15);
    expect(summary.sampleRows).toHaveLength(20);
  });

  it('reports cells past the columns of the file when they come after the first rows', async () => {
    const rows = await all(path.join(dir, 'late-wide.csv'));
    const late = rows.at(-1);
    expect(late?.cells).toEqual(['Late', 'Köln']);
    expect(late?.issues).toEqual([
      'Row 62 has 4 cells but the file has 2 columns: the values from C62 on are ignored.',
    ]);
  });

  it('parses only a few chunks ahead of a consumer that is busy', async () => {
    // The log holds the text of every chunk parsed and not yet drained: it shows how far ahead of the
    // consumer the parser is. Without the pause it would hold the whole file after the wait.
    const log = new CsvTextLog();
    const file = await openFile(path.join(dir, 'big.csv'), {}, log);
    try {
      const batches = file.table.batches();
      await batches.next();
      await new Promise((resolve) => setTimeout(resolve, 400));
      const ahead = log.drain();
      expect(ahead.length).toBeGreaterThan(0);
      expect(ahead.length).toBeLessThanOrEqual(8);
      let rows = 0;
      for (const piece of ahead) rows += piece.records;
      expect(rows).toBeLessThan(ROWS / 2);
      let total = 0;
      for (let next = await batches.next(); !next.done; next = await batches.next())
        total += next.value.length;
      expect(total).toBeGreaterThan(ROWS / 2);
    } finally {
      await file.table.close();
    }
  });

  it('lets the event loop run while reading', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      await all(path.join(dir, 'big.csv'));
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  });

  it('stops on abort with a FileReadError', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const reading = (async () => {
      for await (const row of readRows(path.join(dir, 'big.csv'), { signal: controller.signal })) {
        seen.push(row.rowNumber);
        if (seen.length === 100) controller.abort();
      }
    })();
    await expect(reading).rejects.toMatchObject({ code: 'aborted', name: 'FileReadError' });
    expect(seen.length).toBeLessThan(ROWS);
  });

  it('refuses to start when already aborted', async () => {
    await expect(all(path.join(dir, 'big.csv'), { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      FileReadError,
    );
  });

  it('closes its files when the reader stops early or finishes', async () => {
    const before = openDescriptors();
    for (const file of ['big.csv', 'big.xlsx']) {
      for await (const row of readRows(path.join(dir, file))) {
        if (row.rowNumber > 10) break;
      }
      await inspectFile(path.join(dir, file));
      await all(path.join(dir, file));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(openDescriptors()).toBeLessThanOrEqual(before);
  });

  it("streams an XLSX written by exceljs's streaming writer", async () => {
    const file = path.join(dir, 'big.xlsx');
    const summary = await inspectFile(file);
    expect(summary.headers).toEqual(['ID', 'Name', 'Created']);
    expect(summary.dataRows.count).toBeGreaterThan(3000 * 0.85);
    expect(summary.dataRows.count).toBeLessThan(3000 * 1.15);
    const rows = await all(file);
    expect(rows).toHaveLength(3000);
    expect(rows[2999]).toEqual({
      rowNumber: 3001,
      cells: [3000, 'Org 3000', new Date(Date.UTC(2024, 0, 1 + (3000 % 365)))],
    });
  });

  it('reads an exceljs-written multi-sheet workbook every time (exceljs issue #3064)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('First').addRow(['a', 'b']);
    const second = wb.addWorksheet('Second');
    second.addRow(['Name', 'City']);
    second.addRow(['Acme', 'Berlin']);
    const file = path.join(dir, 'two.xlsx');
    await wb.xlsx.writeFile(file);
    for (let i = 0; i < 20; i++) {
      expect(await all(file, { sheet: 'Second' })).toEqual([{ rowNumber: 2, cells: ['Acme', 'Berlin'] }]);
    }
  });
});
