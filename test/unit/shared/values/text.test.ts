import { describe, expect, it } from 'vitest';
import { checkCreate } from '../../../../shared/values/index.ts';
import { coerce, errorOf, valueOf } from './helpers.ts';

describe('text fields', () => {
  it('trims single-line text, NBSP and zero-width edges included, and keeps inner spacing', () => {
    expect(valueOf(coerce('  Acme  GmbH \u00a0', 'Name'))).toBe('Acme  GmbH');
    expect(valueOf(coerce('\u200bAcme\u202f', 'Tagline'))).toBe('Acme');
    expect(valueOf(coerce(' +372 5555 1234 ', 'Phone'))).toBe('+372 5555 1234');
  });

  it('keeps long text exactly, line breaks and surrounding whitespace included', () => {
    expect(valueOf(coerce('  line 1\r\n\tline 2\n', 'Notes'))).toBe('  line 1\r\n\tline 2\n');
  });

  it('keeps emoji joiners inside text', () => {
    expect(valueOf(coerce('Team 👨‍👩‍👧', 'Tagline'))).toBe('Team 👨‍👩‍👧');
  });

  it('treats blank and whitespace-only cells as empty', () => {
    for (const cell of [null, '', '   ', '\u00a0', '\u200b'])
      expect(coerce(cell, 'Notes')).toEqual({ kind: 'empty' });
  });

  it('accepts 255 characters for short text and rejects 256 with the length and limit', () => {
    expect(valueOf(coerce('x'.repeat(255), 'Name'))).toHaveLength(255);
    expect(errorOf(coerce('x'.repeat(256), 'Name'))).toMatch(
      /is 256 characters long — "Name" takes at most 255$/,
    );
    expect(errorOf(coerce('y'.repeat(300), 'Segment code'))).toContain('"Segment code" takes at most 255');
  });

  it('accepts 65,535 characters for long text and rejects more', () => {
    expect(valueOf(coerce('z'.repeat(65_535), 'Notes'))).toHaveLength(65_535);
    expect(errorOf(coerce('z'.repeat(65_536), 'Notes'))).toContain(
      'is 65,536 characters long — "Notes" takes at most 65,535',
    );
  });

  it('turns typed XLSX cells into text', () => {
    expect(valueOf(coerce(4412345678, 'Phone'))).toBe('4412345678');
    expect(valueOf(coerce(true, 'Tagline'))).toBe('TRUE');
    expect(valueOf(coerce(new Date(Date.UTC(2024, 2, 5)), 'Tagline'))).toBe('2024-03-05');
    expect(valueOf(coerce(new Date(Date.UTC(2024, 2, 5, 14, 30)), 'Tagline'))).toBe('2024-03-05 14:30:00');
  });

  it('removes the CSV formula guard before anything else, in CSV files only', () => {
    expect(valueOf(coerce("'=1+1", 'Tagline'))).toBe('=1+1');
    expect(valueOf(coerce("'  -x", 'Notes'))).toBe('  -x');
    expect(valueOf(coerce("'90s", 'Tagline'))).toBe("'90s");
    expect(valueOf(coerce("'=1+1", 'Tagline', {}, { source: 'xlsx' }))).toBe("'=1+1");
  });

  it('rejects read-only fields and unknown fields', () => {
    expect(errorOf(coerce('2024-01-01', 'Created'))).toBe(
      '"Created" is read-only in Pipedrive and cannot be imported',
    );
    expect(errorOf(coerce('x', 'Tagline', {}, {}, 'nope'))).toBe('"Tagline" has no part "nope"');
  });
});

describe('checkCreate', () => {
  it('requires a non-empty name to create', () => {
    expect(checkCreate({ name: 'Acme' })).toBeNull();
    expect(checkCreate({ name: '  ' })?.message).toMatch(/needs a name/);
    expect(checkCreate({ website: 'x' })).toEqual({
      key: 'name',
      message: 'An organization needs a name to be created — the name cell is empty or not mapped',
    });
  });
});

describe('address cells', () => {
  it('reads the whole address and each part as trimmed single-line text', () => {
    expect(valueOf(coerce(' Main St 1, Tallinn ', 'Address'))).toBe('Main St 1, Tallinn');
    expect(valueOf(coerce(' Tallinn ', 'Address', {}, {}, 'locality'))).toBe('Tallinn');
    expect(valueOf(coerce(10115, 'Billing address', {}, {}, 'postal_code'))).toBe('10115');
    expect(valueOf(coerce('Main St 1', 'Address', {}, {}, 'value'))).toBe('Main St 1');
  });

  it('rejects unknown parts, naming the real ones', () => {
    expect(errorOf(coerce('x', 'Address', {}, {}, 'city'))).toBe(
      '"Address" has no part "city" (its parts: value, street_number, route, subpremise, sublocality, locality, ' +
        'admin_area_level_1, admin_area_level_2, country, postal_code, formatted_address)',
    );
  });
});
