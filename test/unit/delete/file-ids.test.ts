import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseColumn, IdSourceError, readIdsFromFile } from '../../../electron/engine/delete/file-ids.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'orgport-file-ids-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function csv(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text, 'utf8');
  return file;
}

describe('readIdsFromFile', () => {
  it('finds the column headed like an organization ID among others and reads it', async () => {
    const file = await csv(
      'orgs.csv',
      'Name,Organization ID,City\nAcme,12,Oslo\nBeta,#13,Rome\nGamma,,Paris\nDelta,12,Bern\n',
    );
    const read = await readIdsFromFile(file);
    expect(read).toMatchObject({
      fileName: 'orgs.csv',
      column: 'Organization ID',
      ids: [12, 13],
      duplicates: 1,
      blankCells: 1,
    });
    expect(read.problems).toEqual([]);
  });

  it('reads a bare column of IDs without a header row, the first row included', async () => {
    const file = await csv('bare.csv', '101\n102\nhttps://acme.pipedrive.com/organization/103\n');
    const read = await readIdsFromFile(file);
    expect(read.ids).toEqual([101, 102, 103]);
    expect(read.column).toBe('Column A');
  });

  it('names the file, row and value of every cell that is not an ID', async () => {
    const file = await csv('bad.csv', 'ID\n1\ntwo\n3\n4.5\n');
    const read = await readIdsFromFile(file);
    expect(read.ids).toEqual([1, 3]);
    expect(read.problems.map((p) => ({ row: p.row, value: p.value }))).toEqual([
      { row: 3, value: 'two' },
      { row: 5, value: '4.5' },
    ]);
    expect(read.problems[0]?.message).toBe(
      'bad.csv, row 3, column "ID": "two" is not an organization ID (expected a number such as 123, #123 or an organization link).',
    );
  });

  it('takes the column the caller names, by header or letter, and explains a wrong name', async () => {
    const file = await csv('two.csv', 'Keep,Remove\n1,21\n2,22\n');
    expect((await readIdsFromFile(file, { column: 'remove' })).ids).toEqual([21, 22]);
    expect((await readIdsFromFile(file, { column: 'A' })).ids).toEqual([1, 2]);
    await expect(readIdsFromFile(file)).rejects.toThrow(IdSourceError);
    await expect(readIdsFromFile(file, { column: 'Nope' })).rejects.toThrow(
      'two.csv has no column "Nope". Its columns are: "Keep" (A), "Remove" (B).',
    );
  });

  it('reads an XLSX column, numbers as numbers', async () => {
    const file = path.join(dir, 'ids.xlsx');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Dupes');
    sheet.addRow(['Pipedrive ID', 'Name']);
    sheet.addRow([31, 'A']);
    sheet.addRow(['32', 'B']);
    sheet.addRow([33.5, 'C']);
    await book.xlsx.writeFile(file);
    const read = await readIdsFromFile(file);
    expect(read).toMatchObject({ column: 'Pipedrive ID', sheet: 'Dupes', ids: [31, 32] });
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toMatchObject({ row: 4, value: '33.5' });
  });
});

describe('chooseColumn', () => {
  it('prefers a plain "ID" over other ID-like headers and refuses to guess between two others', () => {
    expect(chooseColumn('f.csv', ['Org ID', 'ID', 'Name'])).toBe(1);
    expect(() => chooseColumn('f.csv', ['Org ID', 'Pipedrive ID'])).toThrow(
      /several columns could hold the IDs/,
    );
    expect(() => chooseColumn('f.csv', ['Name', 'City'])).toThrow(/no column is headed "ID"/);
  });
});
