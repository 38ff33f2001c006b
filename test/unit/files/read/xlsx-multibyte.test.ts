import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readRows } from '../../../../electron/engine/files/read/index.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'orgport-multibyte-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('keeps multi-byte characters whole where they straddle two unzipped chunks', async () => {
  const file = path.join(dir, 'cjk.xlsx');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Orgs');
  sheet.addRow(['Name', 'Notes']);
  // Enough text that the inflated parts span many chunks, with 3- and 4-byte characters throughout.
  const names = Array.from(
    { length: 3_000 },
    (_, i) => `東京の支店 ${i} — Zürich 🏢 ${'日本語'.repeat(i % 7)}`,
  );
  for (const name of names) sheet.addRow([name, `${name} / Ελληνικά / עברית`]);
  await book.xlsx.writeFile(file);

  const read: string[] = [];
  for await (const row of readRows(file)) read.push(String(row.cells[0]));
  expect(read).toEqual(names);
});
