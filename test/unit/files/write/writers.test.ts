import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCsvWriter } from '../../../../electron/engine/files/write/csv-writer.ts';
import { EXCEL_MAX_CELL_CHARS, openXlsxWriter } from '../../../../electron/engine/files/write/xlsx-writer.ts';
import type { CellOut, WriterColumn } from '../../../../electron/engine/files/write/types.ts';

const columns: WriterColumn[] = [
  { header: 'ID', kind: 'number' },
  { header: 'Name', kind: 'text' },
  { header: 'Founded', kind: 'date' },
  { header: 'Updated', kind: 'datetime' },
  { header: 'Active', kind: 'boolean' },
];
const rows: CellOut[][] = [
  [1, 'Plain, "quoted"\nand broken', new Date(Date.UTC(2024, 2, 5)), new Date('2024-07-01T05:46:33Z'), true],
  [2, '=HYPERLINK("http://x")', null, null, false],
  [3, '  +1 555 0100', new Date(Date.UTC(1999, 11, 31)), null, null],
  [-4, '00123', null, null, null],
];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'orgport-writers-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('CSV writer', () => {
  it('writes a BOM, RFC 4180 quoting, ISO dates and neutralised formulas', async () => {
    const target = path.join(dir, 'orgs.csv');
    const writer = await openCsvWriter(target, columns, { delimiter: ';' });
    for (const row of rows) await writer.writeRow(row);
    await writer.finish();
    const text = await readFile(target, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<string[]>(text.slice(1), { delimiter: ';', skipEmptyLines: true });
    expect(parsed.data[0]).toEqual(['ID', 'Name', 'Founded', 'Updated', 'Active']);
    expect(parsed.data[1]).toEqual([
      '1',
      'Plain, "quoted"\nand broken',
      '2024-03-05',
      '2024-07-01T05:46:33Z',
      'TRUE',
    ]);
    expect(parsed.data[2]?.[1]).toBe(`'=HYPERLINK("http://x")`);
    expect(parsed.data[3]?.[1]).toBe(`'  +1 555 0100`);
    // Numbers stay numbers: a negative number is not a formula.
    expect(parsed.data[4]?.[0]).toBe('-4');
    expect(parsed.data[4]?.[1]).toBe('00123');
    expect(text).toContain('\r\n');
  });

  it('leaves nothing under the chosen name when aborted', async () => {
    const target = path.join(dir, 'orgs.csv');
    const writer = await openCsvWriter(target, columns);
    await writer.writeRow(rows[0] ?? []);
    await writer.abort();
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('XLSX writer', () => {
  it('writes typed cells, text as text, a frozen bold header, autofilter and an About sheet', async () => {
    const target = path.join(dir, 'orgs.xlsx');
    const writer = await openXlsxWriter(target, columns);
    for (const row of rows) await writer.writeRow(row);
    await writer.finish([{ label: 'Account', value: 'Sandbox' }]);
    expect(await readdir(dir)).toEqual(['orgs.xlsx']);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(target);
    const sheet = book.getWorksheet('Organizations');
    expect(sheet).toBeDefined();
    if (!sheet) return;
    expect(sheet.getRow(1).font?.bold ?? sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getCell('B2').value).toBe('Plain, "quoted"\nand broken');
    expect(sheet.getCell('C2').value).toEqual(new Date(Date.UTC(2024, 2, 5)));
    expect(sheet.getCell('E2').value).toBe(true);
    // A formula-looking text must stay a text cell, never become a formula.
    expect(sheet.getCell('B3').value).toBe('=HYPERLINK("http://x")');
    expect(sheet.getCell('B3').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('B5').value).toBe('00123');
    expect(sheet.getCell('A5').value).toBe(-4);
    const about = book.getWorksheet('About this export');
    expect(about?.getCell('A1').value).toBe('Account');
    expect(about?.getCell('B1').value).toBe('Sandbox');
  });

  it("cuts text over Excel's cell limit and reports it", async () => {
    const target = path.join(dir, 'long.xlsx');
    const writer = await openXlsxWriter(target, [{ header: 'Notes', kind: 'text' }]);
    await writer.writeRow(['x'.repeat(EXCEL_MAX_CELL_CHARS + 10)]);
    await writer.finish();
    expect(writer.warnings[0]).toMatch(/Row 2, column "Notes": text of 32777 characters cut/);
  });

  it('leaves nothing under the chosen name when aborted', async () => {
    const target = path.join(dir, 'orgs.xlsx');
    const writer = await openXlsxWriter(target, columns);
    await writer.writeRow(rows[0] ?? []);
    await writer.abort();
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('XLSX writer failures', () => {
  it('removes the partial file when finishing fails, without committing the workbook twice', async () => {
    const target = path.join(dir, 'orgs.xlsx');
    // A non-empty folder where the file should go makes the final rename fail.
    await mkdir(path.join(target, 'occupied'), { recursive: true });
    const writer = await openXlsxWriter(target, columns);
    await writer.writeRow(rows[0] ?? []);
    await expect(writer.finish()).rejects.toThrow();
    await writer.abort();
    expect(await readdir(dir)).toEqual(['orgs.xlsx']);
  });
});
