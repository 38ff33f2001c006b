// A CSV's row store keeps the text the reader parsed and parses it again when rows are read
// (csv-text-store.ts): every page read back must be exactly what the reader gave when it streamed the
// file — cells, row numbers and the reader's notes — whatever the text does at a chunk's edge.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FileReadError,
  MAX_COLUMNS,
  copyRows,
  readRows,
  type ReadOptions,
} from '../../../../electron/engine/files/read/index.ts';
import { RowSpool, makeSpoolDir, SPOOL_FILE } from '../../../../electron/engine/import/row-spool.ts';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/import');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orgport-csv-text-store-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Row {
  readonly rowNumber: number;
  readonly cells: unknown[];
  readonly issues?: ReadonlyArray<string>;
}

const plain = (r: Row): Row =>
  r.issues
    ? { rowNumber: r.rowNumber, cells: r.cells, issues: r.issues }
    : { rowNumber: r.rowNumber, cells: r.cells };

/**
 * Copies `file` to a store, then checks that the whole store, a scan and pages of awkward sizes read
 * back exactly the reader's rows. Returns the number of rows and of stored pieces.
 */
async function expectStoreMatchesReader(
  file: string,
  options: ReadOptions = {},
): Promise<{ rows: number; pieces: number }> {
  const expected: Row[] = [];
  for await (const row of readRows(file, options)) expected.push(plain(row));
  const spoolDir = await makeSpoolDir(dir);
  const copied = await copyRows(file, {
    ...options,
    storeFile: path.join(spoolDir, SPOOL_FILE),
    samplesPerColumn: 5,
  });
  // A workbook misnamed .csv is read as the workbook it is, into the line store.
  expect(copied.rows.kind).toBe(copied.summary.format === 'csv' ? 'csv-text' : 'lines');
  const pieces = copied.rows.kind === 'csv-text' ? copied.rows.pieceRecords.length : 0;
  const spool = await RowSpool.open(spoolDir, copied.rows);
  try {
    expect(spool.count).toBe(expected.length);
    const all = await spool.read(0, expected.length);
    expect(all.map(plain)).toEqual(expected);
    expect(all.map((r) => r.index)).toEqual(expected.map((_, i) => i));
    const scanned: Row[] = [];
    for await (const batch of spool.scan()) scanned.push(...batch.map(plain));
    expect(scanned).toEqual(expected);
    for (const size of [1, 7, 333]) {
      for (let at = 0; at < expected.length; at += Math.max(size, Math.ceil(expected.length / 40))) {
        const page = await spool.read(at, size);
        expect(page.map(plain)).toEqual(expected.slice(at, at + size));
      }
    }
    // Scattered rows (as the "rows with problems" filter asks for them), dense runs among them.
    const scattered = expected
      .map((_, i) => i)
      .filter((i) => i % 7 === 3 || i % 50 < 3 || i === expected.length - 1);
    const picked = await spool.readAt(scattered);
    expect(picked.map((r) => r.index)).toEqual(scattered);
    expect(picked.map(plain)).toEqual(scattered.map((i) => expected[i]));
    // The same rows read twice give the same cells (a read never changes what the next one sees).
    expect((await spool.read(0, 3)).map(plain)).toEqual(expected.slice(0, 3));
    expect((await spool.read(0, 3)).map(plain)).toEqual(expected.slice(0, 3));
  } finally {
    await spool.close();
  }
  return { rows: expected.length, pieces };
}

/** A small seeded generator, so a failure can be reproduced. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A cell that needs quoting in many ways: delimiters, quotes, line breaks of each kind, accents. */
function hostileCell(next: () => number, i: number): string {
  const kinds = [
    () => `plain ${i}`,
    () => `"Quoted, with comma ${i}"`,
    () => `"He said ""hi"" ${i}"`,
    () => `"line one\r\nline two ${i}"`,
    () => `"lf\nonly ${i}"`,
    () => `"cr\ronly ${i}"`,
    () => `Zürich Łódź São Paulo ${'€'.repeat(Math.floor(next() * 40))}`,
    () => `  padded  `,
    () => '',
    () => `\uFEFFstarts with a BOM ${i}`,
    () => `"${'long text '.repeat(Math.floor(next() * 400))}"`,
    () => `emoji 😀 ${i}`,
  ];
  return (kinds[Math.floor(next() * kinds.length)] as () => string)();
}

/** A long CSV (many 64 KB chunks) whose rows do everything the reader has to handle. */
function hostileCsv(seed: number, rows: number): string {
  const next = random(seed);
  const lines = ['Name,Notes,City,Amount'];
  for (let i = 1; i <= rows; i++) {
    const r = next();
    if (r < 0.03) lines.push('');
    else if (r < 0.05) lines.push(' , ,  ,');
    else if (r < 0.07) lines.push(`short ${i},only two`);
    else if (r < 0.09) lines.push(`long ${i},a,b,c,extra,more`);
    else if (r < 0.1) lines.push(`"bad"quote ${i},x,y,z`);
    else
      lines.push(
        [hostileCell(next, i), hostileCell(next, i), hostileCell(next, i), String(i * 3.5)].join(','),
      );
  }
  return lines.join('\r\n') + '\r\n';
}

describe('the CSV row store', () => {
  it('reads back every fixture exactly as the reader streams it', async () => {
    const names = (await readdir(fixtures)).filter((n) => /\.(csv|tsv|txt)$/.test(n));
    let checked = 0;
    for (const name of names) {
      const file = path.join(fixtures, name);
      try {
        for await (const _ of readRows(file)) break;
      } catch (error) {
        if (error instanceof FileReadError) continue; // files that do not open have no store
        throw error;
      }
      await expectStoreMatchesReader(file);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(15);
  });

  it('reads back long hostile files whose quoted line breaks, accents and emoji straddle the chunks', async () => {
    for (const seed of [1, 2, 3]) {
      const file = path.join(dir, `hostile-${seed}.csv`);
      await writeFile(file, '\uFEFF' + hostileCsv(seed, 6000));
      const { rows, pieces } = await expectStoreMatchesReader(file);
      expect(rows).toBeGreaterThan(5000);
      expect(pieces).toBeGreaterThan(10);
    }
  });

  it('reads back rows under a chosen header row, after title rows and an Excel "sep=" line', async () => {
    const body = hostileCsv(4, 3000).replaceAll(',', ';');
    const titled = path.join(dir, 'titled.csv');
    await writeFile(titled, `sep=;\r\nQuarterly export;;;\r\n\r\nGenerated today;;;\r\n${body}`);
    await expectStoreMatchesReader(titled);
    await expectStoreMatchesReader(titled, { headerRow: 4 });
    await expectStoreMatchesReader(titled, { delimiter: ',' });
  });

  it('reads back files with carriage returns only, legacy encodings and UTF-16 with broken surrogates', async () => {
    const crOnly = path.join(dir, 'cr-only.csv');
    await writeFile(crOnly, hostileCsv(5, 2500).replaceAll('\r\n', '\r'));
    await expectStoreMatchesReader(crOnly);

    const legacy = path.join(dir, 'legacy.csv');
    const latin = hostileCsv(6, 2500).replace(/[\u0100-\uffff]/g, 'e');
    await writeFile(legacy, iconv.encode(latin, 'windows-1252'));
    await expectStoreMatchesReader(legacy, { encoding: 'windows-1252' });

    // UTF-16 can hold a lone surrogate, UTF-8 cannot: such a stretch is kept as UTF-16.
    const wide = path.join(dir, 'utf16-lone-surrogate.csv');
    const text = hostileCsv(7, 2500).replace('plain 7', 'plain \ud800 7');
    expect(text).toContain('\ud800');
    await writeFile(wide, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const expected: unknown[] = [];
    for await (const row of readRows(wide)) expected.push(...row.cells);
    expect(expected.some((c) => typeof c === 'string' && c.includes('\ud800'))).toBe(true);
    await expectStoreMatchesReader(wide);
  });

  it('reads back an over-wide row whose empty tail is dropped, and a file ending in an unclosed quote', async () => {
    const wideRow = path.join(dir, 'wide-row.csv');
    await writeFile(
      wideRow,
      `Name,City\r\nAcme,Berlin${','.repeat(MAX_COLUMNS + 50)}\r\n${hostileCsv(8, 500).split('\r\n').slice(1).join('\r\n')}`,
    );
    await expectStoreMatchesReader(wideRow);

    const unclosed = path.join(dir, 'unclosed.csv');
    await writeFile(unclosed, `${hostileCsv(9, 1500)}Last,"never closed\r\nmore text,and more\r\n`);
    await expectStoreMatchesReader(unclosed);
  });
});
