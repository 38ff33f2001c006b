import { describe, expect, it } from 'vitest';
import { HEADER_ALIASES } from '../../../../shared/automap/aliases.ts';
import { autoMap } from '../../../../shared/automap/index.ts';
import type { ColumnMapping } from '../../../../shared/automap/index.ts';
import { compact } from '../../../../shared/automap/normalize.ts';
import { formatTarget } from '../../../../shared/mapping.ts';
import { ADDRESS_PARTS, WRITABLE_SYSTEM_KEYS } from '../../../../shared/model.ts';
import { FIELDS, KEYS } from './fields.ts';

const map = (...headers: string[]): ReadonlyArray<ColumnMapping> =>
  autoMap(
    headers.map((header) => ({ header })),
    FIELDS,
  );
const target = (column: ColumnMapping | undefined): string | null =>
  column?.target ? formatTarget(column.target) : null;

describe('autoMap confidence and method', () => {
  it('scores exact keys and names 1, normalised names and aliases lower, fuzzy lowest', () => {
    const [key, name, normalized, alias, fuzzy, none] = map(
      'owner_id',
      'Name',
      'annual REVENUE',
      'Tags',
      'Webiste',
      'Zzz',
    );
    expect([key?.method, key?.confidence]).toEqual(['key', 1]);
    expect([name?.method, name?.confidence]).toEqual(['name', 1]);
    expect(normalized?.method).toBe('normalized');
    expect(alias?.method).toBe('alias');
    expect(fuzzy?.method).toBe('fuzzy');
    expect([none?.method, none?.confidence, none?.target]).toEqual(['none', 0, null]);
    expect(normalized?.confidence).toBeLessThan(1);
    expect(alias?.confidence).toBeLessThan(normalized?.confidence ?? 0);
    expect(fuzzy?.confidence).toBeLessThan(alias?.confidence ?? 0);
    expect(fuzzy?.confidence).toBeGreaterThan(0);
  });

  it('explains a qualifier it ignored', () => {
    const [billing] = map('Billing City');
    expect(target(billing)).toBe('address.locality');
    expect(billing?.note).toContain('ignoring "billing"');
  });
});

describe('autoMap never maps two columns to one target', () => {
  it('keeps the better column and explains the other, offering the target as an alternative', () => {
    const [alias, exact] = map('Company', 'Name');
    expect(target(exact)).toBe('name');
    expect(alias?.target).toBeNull();
    expect(alias?.method).toBe('none');
    expect(alias?.note).toContain('already mapped from column "Name"');
    expect(alias?.note).toContain('a closer match');
    expect(alias?.alternatives?.map(formatTarget)[0]).toBe('name');
  });

  it('lets the first of two equal columns keep the target', () => {
    const [first, second] = map('City', 'Town');
    expect(target(first)).toBe('address.locality');
    expect(second?.target).toBeNull();
    expect(second?.note).toContain('it comes first');
  });

  it('prefers owner emails to owner names, whatever the header says', () => {
    const result = autoMap(
      [
        { header: 'Owner', samples: ['Ana Silva', 'Bo Berg'] },
        { header: 'Sales rep', samples: ['ana@example.com', 'bo@example.com', ''] },
      ],
      FIELDS,
    );
    expect(result.map(target)).toEqual([null, 'owner_id']);
    expect(result[0]?.note).toContain('emails identify an owner exactly');
  });

  it('prefers a column of numbers for a number field', () => {
    const result = autoMap(
      [
        { header: 'Revenue', samples: ['high', 'low', 'medium'] },
        { header: 'Turnover', samples: ['1 234 567,00', '$1,200', 17] },
      ],
      FIELDS,
    );
    expect(result.map(target)).toEqual([null, 'annual_revenue']);
  });
});

describe('autoMap read-only fields, IDs and ambiguity', () => {
  it('never maps a read-only field and says why', () => {
    const [created, people] = map('Organization created', 'people_count');
    expect(created?.target).toBeNull();
    expect(created?.note).toContain('read-only');
    expect(people?.target).toBeNull();
    expect(people?.note).toContain('"People" is read-only');
  });

  it('ignores the ID column when creating, and maps it when updating', () => {
    const columns = [{ header: 'ID', samples: [1, 2] }, { header: 'Name' }];
    const create = autoMap(columns, FIELDS, { mode: 'create' });
    expect(create[0]?.target).toBeNull();
    expect(create[0]?.note).toContain('not used when creating');
    expect(autoMap(columns, FIELDS, { mode: 'upsert' }).map(target)).toEqual(['id', 'name']);
  });

  it('refuses the ID target for values that are not whole numbers', () => {
    const [id] = autoMap([{ header: 'Org ID', samples: ['A-17', 'B-2'] }], FIELDS);
    expect(id?.target).toBeNull();
    expect(id?.note).toContain('do not look like Pipedrive IDs');
  });

  it('notes a name shared by a system and a custom field, unless another column took the other', () => {
    const [alone] = map('Website');
    expect(target(alone)).toBe('website');
    expect(alone?.note).toContain(`custom field "Website" (key ${KEYS.website})`);
    expect(alone?.alternatives?.map(formatTarget)).toEqual([KEYS.website]);
    const [both] = map('Website', 'Website (custom)');
    expect(both?.note).toBeUndefined();
  });

  it('finds a custom field by the start of its key in brackets, as exports disambiguate', () => {
    const [whole, start] = map(`Website (${KEYS.website})`, `Website (${KEYS.website.slice(0, 6)})`);
    expect(target(whole)).toBe(KEYS.website);
    expect(whole?.method).toBe('key');
    expect(start?.target).toBeNull();
    expect(start?.alternatives?.map(formatTarget)[0]).toBe(KEYS.website);
    const [alone] = map(`Website (${KEYS.website.slice(0, 6)})`);
    expect([target(alone), alone?.confidence]).toEqual([KEYS.website, 1]);
  });
});

describe('autoMap with a previous mapping', () => {
  it('offers the earlier mapping again, by exact or normalised header', () => {
    const result = autoMap([{ header: 'Kürzel' }, { header: ' tier ' }, { header: 'Notes' }], FIELDS, {
      previous: { Kürzel: KEYS.vat, Tier: KEYS.tier, Notes: null },
    });
    expect(result.map(target)).toEqual([KEYS.vat, KEYS.tier, null]);
    expect(result.map((r) => [r.method, r.confidence])).toEqual([
      ['previous', 1],
      ['previous', 1],
      ['previous', 1],
    ]);
  });

  it('wins over an automatic match for the same target', () => {
    const result = autoMap([{ header: 'Name' }, { header: 'Kunde' }], FIELDS, {
      previous: { Kunde: 'name' },
    });
    expect(result.map(target)).toEqual([null, 'name']);
    expect(result[0]?.note).toContain('as in the earlier mapping');
  });

  it('falls back to matching, with a note, when the earlier target is gone', () => {
    const [column] = autoMap([{ header: 'City' }], FIELDS, { previous: { City: 'deadbeef' } });
    expect(target(column)).toBe('address.locality');
    expect(column?.method).toBe('alias');
    expect(column?.note).toContain('The earlier mapping "deadbeef" no longer fits');
  });
});

describe('the alias table', () => {
  it('never sends one spelling to two targets', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const [aliasTarget, aliases] of HEADER_ALIASES) {
      for (const alias of aliases) {
        const key = compact(alias);
        expect(key, alias).not.toBe('');
        const before = seen.get(key);
        if (before !== undefined && before !== aliasTarget)
          clashes.push(`${alias}: ${before} / ${aliasTarget}`);
        seen.set(key, aliasTarget);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('only names the ID, system fields and address parts', () => {
    const known = new Set<string>([
      'id',
      ...WRITABLE_SYSTEM_KEYS,
      ...ADDRESS_PARTS.map((p) => `address.${p}`),
    ]);
    const readOnly = HEADER_ALIASES.map(([t]) => t).filter((t) => !known.has(t));
    expect(readOnly.every((t) => /^(?:add_time|update_time|[a-z_]+_(?:count|date))$/u.test(t))).toBe(true);
  });
});
