import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RowStoreWriter,
  decodeRow,
  encodeRow,
  type StoredLines,
} from '../../../../electron/engine/files/read/row-store.ts';
import type { CellInput } from '../../../../electron/engine/files/read/types.ts';

let dir = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgport-row-store-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Texts that collide with a line format: separators, markers, line breaks, surrogates, escapes. */
const HOSTILE: string[] = [
  'a\u0000b',
  '\u0000',
  '\u0001',
  'x\u0001y',
  '\u0002n',
  '\u0002',
  '\u0003n42',
  '\u0004issue',
  '\u0005',
  '\u0006ack',
  '\u0007bell\n',
  'x\u0006\u0007',
  'multi\nline',
  '\n',
  'cr\r\nlf',
  '\r',
  'lone \ud800 high',
  'lone \udc00 low',
  '\udbff',
  'end high\ud83d',
  '\ude00start low',
  'emoji 😀 pair 👍🏽',
  'Łódź Zürich 北京 €',
  '\ufffd replacement',
  '"quoted", comma; semicolon\ttab',
  '\u0002u0041',
  ' ',
];

interface Row {
  readonly rowNumber: number;
  readonly cells: CellInput[];
  readonly issues?: string[];
}

/** Reads a finished store back line by line, by its byte offsets. */
function readBack(stored: StoredLines): Row[] {
  const bytes = fs.readFileSync(stored.file);
  expect(bytes.length).toBe(stored.offsets[stored.count]);
  const rows: Row[] = [];
  for (let i = 0; i < stored.count; i++) {
    const from = stored.offsets[i] ?? 0;
    const to = stored.offsets[i + 1] ?? 0;
    expect(bytes[to - 1]).toBe(0x0a);
    const { cells, issues } = decodeRow(bytes.toString('utf8', from, to - 1));
    const rowNumber = stored.rowNumbers[i] ?? 0;
    rows.push(issues ? { rowNumber, cells, issues } : { rowNumber, cells });
  }
  return rows;
}

function writeAll(name: string, rows: ReadonlyArray<Row>): StoredLines {
  const writer = RowStoreWriter.create(path.join(dir, name));
  for (const row of rows) writer.append(row.rowNumber, row.cells, row.issues);
  expect(writer.count).toBe(rows.length);
  return writer.finish();
}

describe('encodeRow and decodeRow', () => {
  it('are exact inverses for every kind of cell, and a line holds no line break or lone surrogate', () => {
    const rows: Array<{ cells: CellInput[]; issues?: string[] }> = [
      { cells: [] },
      { cells: [null] },
      { cells: [''] },
      { cells: ['', null, ''] },
      { cells: [null, null, null] },
      { cells: ['plain', null, 'row'] },
      { cells: HOSTILE },
      ...HOSTILE.map((text) => ({ cells: [text] })),
      ...HOSTILE.map((text) => ({ cells: ['before', text, null, 'after'] })),
      { cells: [0, -0, 1.5, -1e21, 5e-324, Number.MAX_VALUE, NaN, Infinity, -Infinity, 0.1 + 0.2] },
      { cells: [true, false, new Date(Date.UTC(2024, 1, 29)), new Date(-1), 'text', null, ''] },
      { cells: ['with', 'issues'], issues: ['Row 3 has 3 cells, the header has 2.'] },
      { cells: ['empty issue list'], issues: [] },
      { cells: [null], issues: HOSTILE },
      { cells: [], issues: [''] },
    ];
    for (const row of rows) {
      const line = encodeRow(row.cells, row.issues);
      expect(line).not.toContain('\n');
      expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line); // no lone surrogate
      const back = decodeRow(line);
      expect(back.cells).toEqual(row.cells);
      expect(back.cells.map((c) => Object.is(c, -0))).toEqual(row.cells.map((c) => Object.is(c, -0)));
      if (row.issues && row.issues.length > 0) expect(back.issues).toEqual(row.issues);
      else expect(back).not.toHaveProperty('issues');
    }
  });

  it('keeps an invalid date invalid', () => {
    const [cell] = decodeRow(encodeRow([new Date(Number.NaN)], undefined)).cells;
    expect(cell).toBeInstanceOf(Date);
    expect(Number.isNaN((cell as Date).getTime())).toBe(true);
  });
});

describe('RowStoreWriter', () => {
  it('gives back every row exactly, with exact byte offsets, whatever mix of rows it is given', () => {
    const rows: Row[] = [];
    let n = 1;
    const add = (cells: CellInput[], issues?: string[]): void => {
      n += 1 + (n % 3 === 0 ? 1 : 0); // row numbers with gaps, as blank rows leave
      rows.push(issues ? { rowNumber: n, cells, issues } : { rowNumber: n, cells });
    };
    for (let i = 0; i < 3000; i++) {
      const hostile = HOSTILE[i % HOSTILE.length] ?? '';
      const cells: CellInput[] = [
        `Company ${i}`,
        i % 5 === 0 ? null : `São Paulo ${i}`,
        i % 9 === 0 ? `Note ${i}\nsecond line` : `Note ${i}`,
        i % 7 === 0 ? '北京 😀' : 'Zürich',
      ];
      // Now and then a hostile cell, a typed cell, an issue, or a row of another width: each
      // breaks the batch it would have joined.
      if (i % 97 === 0) cells[3] = hostile;
      if (i % 211 === 0) cells[1] = i;
      if (i % 307 === 0) cells[2] = '';
      if (i % 401 === 0) cells.push('extra');
      if (i % 503 === 0) cells.length = 0;
      add(cells, i % 251 === 0 ? [`Row ${n} has 3 cells, the header has 4.`] : undefined);
    }
    const stored = writeAll('mixed.rows', rows);
    expect(stored.count).toBe(rows.length);
    expect(readBack(stored)).toEqual(rows);
    // The writer, which builds lines a batch at a time, writes exactly the lines of encodeRow.
    const expected = rows.map((row) => `${encodeRow(row.cells, row.issues)}\n`).join('');
    expect(fs.readFileSync(stored.file).equals(Buffer.from(expected, 'utf8'))).toBe(true);
  });

  it('stores rows longer than its write buffer, of text and of escaped cells', () => {
    const big = 'é€😀'.repeat(300_000); // 1.2M UTF-16 units, 2.7 MB of UTF-8
    const rows: Row[] = [
      { rowNumber: 2, cells: ['small', 'row'] },
      { rowNumber: 3, cells: [big, 'x'] },
      { rowNumber: 4, cells: ['small', null] },
      { rowNumber: 5, cells: [`${big}\n${big}`, '\u0000'] },
      { rowNumber: 6, cells: ['last', 'row'] },
    ];
    const stored = writeAll('big.rows', rows);
    expect(readBack(stored)).toEqual(rows);
    expect((stored.offsets[2] ?? 0) - (stored.offsets[1] ?? 0)).toBeGreaterThan(1 << 21);
  });

  it('stores nothing for no rows', () => {
    const stored = writeAll('empty.rows', []);
    expect(stored.count).toBe(0);
    expect(Array.from(stored.offsets)).toEqual([0]);
    expect(fs.statSync(stored.file).size).toBe(0);
  });
});
