import { describe, expect, it } from 'vitest';
import { typoDistance } from '../../../../shared/values/options.ts';
import { coerce, errorOf, valueOf } from './helpers.ts';

describe('enum fields', () => {
  it('finds options case-, space- and accent-insensitively', () => {
    expect(valueOf(coerce('retail', 'Industry'))).toBe(10);
    expect(valueOf(coerce('  REAL   ESTATE ', 'Industry'))).toBe(13);
    expect(valueOf(coerce('realestate', 'Industry'))).toBe(13);
    expect(valueOf(coerce('gold', 'Tier'))).toBe(41);
  });

  it('finds options by id, but a label that looks like a number wins', () => {
    expect(valueOf(coerce(12, 'Industry'))).toBe(12);
    expect(valueOf(coerce('11', 'Industry'))).toBe(11);
    expect(valueOf(coerce('#42', 'Tier'))).toBe(42);
    expect(valueOf(coerce('2024', 'Tier'))).toBe(44);
    expect(valueOf(coerce(2024, 'Tier'))).toBe(44);
  });

  it('suggests the nearest option for a near miss and lists at most ten accepted labels', () => {
    const result = coerce('Retial', 'Industry');
    expect(result).toEqual({
      kind: 'error',
      message:
        '"Retial" is not an option of "Industry" — did you mean "Retail"? Accepted: Retail, Manufacturing, Software, ' +
        'Real estate, Healthcare, Education, Finance, Logistics, Energy, Media, … (2 more)',
      accepted:
        'Retail, Manufacturing, Software, Real estate, Healthcare, Education, Finance, Logistics, Energy, Media, … (2 more)',
      suggestion: 'Retail',
    });
  });

  it('gives no suggestion when nothing is close', () => {
    expect(errorOf(coerce('Platinum', 'Tier'))).toBe(
      '"Platinum" is not an option of "Tier". Accepted: Gold, Silver, Bronze, 2024',
    );
    expect(errorOf(coerce('#999 (deleted option)', 'Tier'))).toContain('is not an option of "Tier"');
  });
});

describe('set fields and labels', () => {
  it('splits on ; and , and removes duplicates', () => {
    expect(valueOf(coerce('North; South', 'Regions'))).toEqual([31, 32]);
    expect(valueOf(coerce('north,south,North', 'Regions'))).toEqual([31, 32]);
    expect(valueOf(coerce(' ; North ;; ', 'Regions'))).toEqual([31]);
  });

  it('keeps labels that contain a comma or semicolon whole', () => {
    expect(valueOf(coerce('East, inland', 'Regions'))).toEqual([33]);
    expect(valueOf(coerce('North; East, inland', 'Regions'))).toEqual([31, 33]);
    expect(valueOf(coerce('East, inland, South', 'Regions'))).toEqual([33, 32]);
    expect(valueOf(coerce('A;B; Hot', 'Labels'))).toEqual([6, 1]);
    expect(valueOf(coerce('Food, drinks; Café', 'Labels'))).toEqual([3, 5]);
  });

  it('reads non-Latin labels, accents and ids', () => {
    expect(valueOf(coerce('東京', 'Regions'))).toEqual([34]);
    expect(valueOf(coerce('cafe, hot', 'Labels'))).toEqual([5, 1]);
    expect(valueOf(coerce(2, 'Labels'))).toEqual([2]);
    expect(valueOf(coerce('1;2', 'Labels'))).toEqual([1, 2]);
  });

  it('names every unknown piece', () => {
    expect(errorOf(coerce('North; Wset; Moon', 'Regions'))).toBe(
      '"Wset", "Moon" are not options of "Regions". Accepted: North, South, East, inland, 東京, +Coast',
    );
    expect(coerce('Hto', 'Labels')).toMatchObject({ suggestion: 'Hot' });
  });

  it('uses the label list given to the context when the labels field has no options', () => {
    const labels = [{ id: 90, label: 'Partner' }];
    expect(valueOf(coerce('partner', 'Labels', {}, { labels }))).toEqual([90]);
  });
});

describe('visibility', () => {
  it.each([
    ['Owner & followers', 1],
    ['private', 1],
    ['Owner', 1],
    ['Entire company', 3],
    ['shared', 3],
    ['Everyone', 3],
    ["Owner's visibility group and sub-groups", 5],
    ['Entire company (all groups)', 7],
    ['3', 3],
  ] as const)('reads %j', (cell, expected) => {
    expect(valueOf(coerce(cell, 'Visible to'))).toBe(expected);
  });

  it('accepts the numbers 1, 3, 5 and 7 only', () => {
    expect(valueOf(coerce(7, 'Visible to'))).toBe(7);
    expect(errorOf(coerce(2, 'Visible to'))).toBe(
      '"2" is not a visibility for "Visible to". Accepted: Owner & followers (1), Entire company (3), ' +
        "Owner's visibility group and sub-groups (5), Entire company (all groups) (7), or private / shared",
    );
  });
});

describe('booleans', () => {
  it.each([
    ['true', true],
    ['Yes', true],
    ['1', true],
    [1, true],
    [true, true],
    ['FALSE', false],
    ['no', false],
    ['0', false],
    [0, false],
    [false, false],
  ] as const)('reads %j', (cell, expected) => {
    expect(valueOf(coerce(cell, 'Active customer'))).toBe(expected);
  });

  it('rejects other words, listing what is accepted', () => {
    expect(errorOf(coerce('maybe', 'Active customer'))).toBe(
      '"maybe" is not yes or no — "Active customer" accepts true/false, yes/no or 1/0',
    );
  });
});

describe('typoDistance', () => {
  it('counts insertions, deletions, substitutions and neighbour swaps as one typo each', () => {
    expect(typoDistance('retial', 'retail')).toBe(1);
    expect(typoDistance('hto', 'hot')).toBe(1);
    expect(typoDistance('kitten', 'sitting')).toBe(3);
    expect(typoDistance('', 'abc')).toBe(3);
    expect(typoDistance('same', 'same')).toBe(0);
  });
});
