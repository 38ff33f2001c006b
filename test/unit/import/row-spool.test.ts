import { afterEach, describe, expect, it } from 'vitest';
import { RowSpool } from '../../../electron/engine/import/row-spool.ts';

let spool: RowSpool | null = null;
afterEach(async () => {
  await spool?.close();
  spool = null;
});

describe('the preview row store', () => {
  it('gives back every kind of cell exactly, in pages and in scans', async () => {
    spool = await RowSpool.create();
    const rows = [
      { n: 2, cells: ['Acme', null, 'Zürich', ''] },
      { n: 3, cells: ['multi\nline', 'a\u0000b', 'x\u0001y', null] },
      { n: 5, cells: [42, true, new Date(Date.UTC(2024, 1, 29)), 'Łódź "quoted", comma'] },
      { n: 6, cells: ['plain', 'row', 'with', 'issue'], issues: ['Row 6 has 5 cells; the header has 4.'] },
      { n: 9, cells: [null, null, null, null] },
    ] as const;
    for (const row of rows) spool.append(row.n, [...row.cells], 'issues' in row ? row.issues : undefined);
    await spool.finish();

    expect(spool.count).toBe(5);
    const all = await spool.read(0, 10);
    expect(all.map((r) => r.rowNumber)).toEqual([2, 3, 5, 6, 9]);
    expect(all[0]?.cells).toEqual(['Acme', null, 'Zürich', '']);
    expect(all[1]?.cells).toEqual(['multi\nline', 'a\u0000b', 'x\u0001y', null]);
    expect(all[2]?.cells).toEqual([42, true, new Date(Date.UTC(2024, 1, 29)), 'Łódź "quoted", comma']);
    expect(all[3]?.issues).toEqual(['Row 6 has 5 cells; the header has 4.']);
    expect(all[4]?.cells).toEqual([null, null, null, null]);

    const page = await spool.read(2, 2);
    expect(page.map((r) => [r.index, r.rowNumber])).toEqual([
      [2, 5],
      [3, 6],
    ]);
    let scanned = 0;
    for await (const batch of spool.scan()) scanned += batch.length;
    expect(scanned).toBe(5);
    expect(await spool.read(5, 10)).toEqual([]);
  });

  it('finds rows by their row number', async () => {
    spool = await RowSpool.create();
    for (let n = 2; n < 2000; n += 3) spool.append(n, [String(n)]);
    await spool.finish();
    expect(spool.indexOfRow(2)).toBe(0);
    expect(spool.indexOfRow(1997)).toBe(665);
    expect(spool.indexOfRow(3)).toBe(-1);
    expect(spool.rowNumberAt(665)).toBe(1997);
    const picked = await spool.readAt([0, 1, 2, 40, 41, 600, 665]);
    expect(picked.map((r) => [r.index, r.rowNumber, r.cells[0]])).toEqual(
      [0, 1, 2, 40, 41, 600, 665].map((i) => [i, 2 + 3 * i, String(2 + 3 * i)]),
    );
  });
});
