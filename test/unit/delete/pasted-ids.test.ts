import { describe, expect, it } from 'vitest';
import { describeJunk, parsePastedIds } from '../../../electron/engine/delete/pasted-ids.ts';
import { parseIdCell, parseIdText } from '../../../electron/engine/delete/id-token.ts';

describe('parsePastedIds', () => {
  it('splits on commas, semicolons, spaces and line breaks, and accepts #123 and organization links', () => {
    const text =
      '12, 13;14\n#15\thttps://acme.pipedrive.com/organization/16  acme.pipedrive.com/organization/17?tab=x\r\n18';
    const parsed = parsePastedIds(text);
    expect(parsed.ids).toEqual([12, 13, 14, 15, 16, 17, 18]);
    expect(parsed.junk).toEqual([]);
    expect(parsed.tokens).toBe(7);
  });

  it('removes repeats, keeping the first, and counts what it dropped', () => {
    const parsed = parsePastedIds('5 6 5 7 5 6');
    expect(parsed.ids).toEqual([5, 6, 7]);
    expect(parsed.duplicates).toBe(3);
    expect(parsed.duplicateIds.sort()).toEqual([5, 6]);
  });

  it('reports every junk token with its item number, line and column instead of dropping it', () => {
    const parsed = parsePastedIds('1, 2, abc\n  4, -5, 6.5\nhttps://acme.pipedrive.com/person/9, 0');
    expect(parsed.ids).toEqual([1, 2, 4]);
    expect(parsed.junk.map(({ token, index, line, column }) => ({ token, index, line, column }))).toEqual([
      { token: 'abc', index: 3, line: 1, column: 7 },
      { token: '-5', index: 5, line: 2, column: 6 },
      { token: '6.5', index: 6, line: 2, column: 10 },
      { token: 'https://acme.pipedrive.com/person/9', index: 7, line: 3, column: 1 },
      { token: '0', index: 8, line: 3, column: 38 },
    ]);
    expect(parsed.junk[3]?.reason).toMatch(/a link to a person, not to an organization/);
    expect(parsed.junk[4]?.reason).toMatch(/IDs start at 1/);
    expect(describeJunk(parsed.junk, 2)).toEqual([
      expect.stringMatching(/^"abc" \(item 3, line 1, column 7\): expected a number such as 123/),
      expect.stringMatching(/^"-5" \(item 5, line 2, column 6\)/),
      '…and 3 more',
    ]);
  });

  it('gives nothing for empty text', () => {
    expect(parsePastedIds('  \n ,, ;')).toMatchObject({ ids: [], junk: [], tokens: 0 });
  });
});

describe('one ID', () => {
  it('reads quoted IDs, spreadsheet numbers and plural API links', () => {
    expect(parseIdText('"42"')).toEqual({ ok: true, id: 42 });
    expect(parseIdText('42.0')).toEqual({ ok: true, id: 42 });
    expect(parseIdText('https://api.pipedrive.com/api/v2/organizations/42')).toEqual({ ok: true, id: 42 });
    expect(parseIdText('99999999999999999999').ok).toBe(false);
    expect(parseIdText('organization42').ok).toBe(false);
  });

  it('reads cells: whole numbers only, never dates or booleans', () => {
    expect(parseIdCell(7)).toEqual({ ok: true, id: 7 });
    expect(parseIdCell(7.5).ok).toBe(false);
    expect(parseIdCell(true).ok).toBe(false);
    expect(parseIdCell(new Date(0)).ok).toBe(false);
    expect(parseIdCell(null)).toEqual({ ok: false, reason: 'empty' });
    expect(parseIdCell(' #8 ')).toEqual({ ok: true, id: 8 });
  });
});
