import { describe, expect, it } from 'vitest';
import { formatTarget } from '../../../shared/mapping.ts';
import type { MappingTarget } from '../../../shared/mapping.ts';
import {
  MappingProfileError,
  parseMappingProfile,
  readMappingProfile,
  serializeMappingProfile,
  toMappingProfile,
} from '../../../shared/mapping-profile.ts';
import { resolveProfile } from '../../../shared/mapping-profile-resolve.ts';
import type { MappingProfile } from '../../../shared/mapping-profile.ts';
import type { ResolvedProfile } from '../../../shared/mapping-profile-resolve.ts';
import { FIELDS, KEYS } from './automap/fields.ts';

const profile = (columns: MappingProfile['columns'], extra: Partial<MappingProfile> = {}): MappingProfile =>
  parseMappingProfile({ version: 1, columns, ...extra });
const targets = (resolved: ResolvedProfile): Record<string, string | null> =>
  Object.fromEntries(
    Object.entries(resolved.columns).map(([header, target]) => [
      header,
      target ? formatTarget(target) : null,
    ]),
  );
const errorOf = (json: unknown, source = 'acme.json'): MappingProfileError => {
  try {
    parseMappingProfile(json, source);
  } catch (error) {
    if (error instanceof MappingProfileError) return error;
    throw error;
  }
  throw new Error('expected the profile to be refused');
};

describe('parseMappingProfile', () => {
  it('accepts the example of design.md and the optional settings', () => {
    const json = {
      version: 1,
      name: 'Trade fair 2026',
      sheet: 'Sheet1',
      headerRow: 1,
      mode: 'upsert',
      columns: { Company: 'name', 'Account owner': 'owner_id', Sector: 'Industry', Notes: null },
      match: 'name',
      emptyCells: 'skip',
      columnSettings: {
        Founded: { dateOrder: 'dmy' },
        Revenue: { decimalSeparator: ',', thousandsSeparator: '.' },
      },
    };
    expect(parseMappingProfile(json)).toEqual(json);
    expect(parseMappingProfile({ version: 1, columns: {} })).toEqual({ version: 1, columns: {} });
  });

  it.each([
    ['not an object', [], ['acme.json: expected a JSON object']],
    [
      'no columns',
      { version: 1 },
      ['acme.json: columns: missing; expected an object mapping column headers'],
    ],
    ['another version', { version: 2, columns: {} }, ['acme.json: version: expected the number 1, got 2']],
    [
      'a misspelt property',
      { version: 1, colums: {}, columns: {} },
      ['acme.json: unknown property "colums" (did you mean "columns"?); accepted properties: version, name,'],
    ],
    [
      'a column mapped to a number',
      { version: 1, columns: { Company: 5 } },
      ['acme.json: columns["Company"]: expected a field key, a field name, "key.part"', 'got 5'],
    ],
    [
      'an empty target',
      { version: 1, columns: { Company: ' ' } },
      ['columns["Company"]: expected', 'got ""'],
    ],
    [
      'an unknown mode',
      { version: 1, columns: {}, mode: 'replace' },
      ['acme.json: mode: expected "create", "update" or "upsert", got "replace"'],
    ],
    [
      'header row 0',
      { version: 1, columns: {}, headerRow: 0 },
      ['headerRow: expected a whole number from 1', 'got 0'],
    ],
    [
      'a fractional header row',
      { version: 1, columns: {}, headerRow: 1.5 },
      ['headerRow: expected', 'got 1.5'],
    ],
    [
      'empty cells "blank"',
      { version: 1, columns: {}, emptyCells: 'blank' },
      ['emptyCells: expected "skip"', '"clear"'],
    ],
    [
      'a number as match',
      { version: 1, columns: {}, match: 7 },
      ['match: expected "id", "name", or the key or name'],
    ],
    [
      'a bad date order',
      { version: 1, columns: {}, columnSettings: { Founded: { dateOrder: 'dd/mm/yyyy' } } },
      [
        'columnSettings["Founded"].dateOrder: expected "iso", "dmy" (day first), "mdy" (month first) or "serial"',
      ],
    ],
    [
      'a lower-case currency',
      { version: 1, columns: {}, columnSettings: { Value: { currency: 'eur' } } },
      ['columnSettings["Value"].currency: expected a three-letter currency code in capitals', 'got "eur"'],
    ],
    [
      'a misspelt setting',
      { version: 1, columns: {}, columnSettings: { Value: { currancy: 'EUR' } } },
      ['columnSettings["Value"]: unknown property "currancy" (did you mean "currency"?)'],
    ],
  ])('refuses %s, naming the file, the path and what is accepted', (_, json, messages) => {
    const error = errorOf(json);
    expect(error.source).toBe('acme.json');
    for (const message of messages) expect(error.message).toContain(message);
  });

  it('lists every problem at once', () => {
    const error = errorOf({ version: 3, columns: [], emptyCells: 'x' });
    expect(error.problems.map((p) => p.path)).toEqual(['version', 'columns', 'emptyCells']);
  });

  it('reads profile text, naming the file on invalid JSON', () => {
    expect(readMappingProfile('\uFEFF{"version":1,"columns":{"A":"name"}}', 'a.json').columns).toEqual({
      A: 'name',
    });
    expect(() => readMappingProfile('{"version":1,', 'broken.json')).toThrow(/broken\.json: not valid JSON/u);
  });
});

describe('resolveProfile columns', () => {
  const headers = ['Company', 'Account owner', 'Sector', 'Notes', 'Extra'];

  it('resolves keys, case-insensitive names and key.part; unmapped columns are null', () => {
    const resolved = resolveProfile(
      profile({ Company: 'name', 'Account owner': 'owner_id', Sector: 'industry', Notes: null }),
      FIELDS,
      headers,
    );
    expect(resolved.errors).toEqual([]);
    expect(targets(resolved)).toEqual({
      Company: 'name',
      'Account owner': 'owner_id',
      Sector: 'industry',
      Notes: null,
      Extra: null,
    });
    const byName = resolveProfile(
      profile({
        A: 'customer TIER',
        B: 'Contract value.currency',
        C: `${KEYS.contractPeriod}.until`,
        D: 'id',
      }),
      FIELDS,
      ['A', 'B', 'C', 'D'],
    );
    expect(byName.errors).toEqual([]);
    expect(targets(byName)).toEqual({
      A: KEYS.tier,
      B: `${KEYS.contractValue}.currency`,
      C: `${KEYS.contractPeriod}.until`,
      D: 'id',
    });
  });

  it('lets a key win over a name, and refuses a name that fits several fields, listing their keys', () => {
    const resolved = resolveProfile(profile({ Web: 'website', Site: 'Website' }), FIELDS, ['Web', 'Site']);
    expect(targets(resolved)).toEqual({ Web: 'website', Site: null });
    expect(resolved.errors).toEqual([
      {
        path: 'columns["Site"]',
        message: `"Website" is the name of 2 fields (keys: website, ${KEYS.website}); write the key of the one you mean`,
      },
    ]);
  });

  it('refuses unknown targets with a suggestion, read-only fields and unknown parts', () => {
    const resolved = resolveProfile(
      profile({ A: 'Custmer tier', B: 'update_time', C: 'address.town', D: 'name.first', E: 'qqqqqq' }),
      FIELDS,
      ['A', 'B', 'C', 'D', 'E'],
    );
    expect(resolved.errors.map((e) => e.path)).toEqual([
      'columns["A"]',
      'columns["B"]',
      'columns["C"]',
      'columns["D"]',
      'columns["E"]',
    ]);
    const [a, b, c, d, e] = resolved.errors.map((error) => error.message);
    expect(a).toContain('no field has the key or name "Custmer tier"; did you mean "Customer tier"?');
    expect(b).toContain('"Update time" (update_time) is read-only');
    expect(c).toContain('"Address" has no part "town"; accepted: address.street_number,');
    expect(d).toContain('"Name" (name, varchar) has no parts');
    expect(e).not.toContain('did you mean');
    expect(e).toContain('accepted: "id", a field key, a field name or "key.part"');
  });

  it('refuses two columns on one target, and warns about profile columns the file lacks', () => {
    const resolved = resolveProfile(profile({ Company: 'name', Firma: 'Name', Gone: 'owner_id' }), FIELDS, [
      'Company',
      'Firma',
    ]);
    expect(resolved.errors).toEqual([
      {
        path: 'columns["Firma"]',
        message: 'columns "Company" and "Firma" both map to "name"; a field takes one column',
      },
    ]);
    expect(resolved.warnings).toEqual([
      {
        path: 'columns["Gone"]',
        message: 'the file has no column "Gone"; this line of the profile is not used',
      },
    ]);
  });

  it('finds profile columns in a file whose headers carry a BOM, spaces or other case', () => {
    const resolved = resolveProfile(
      profile({ Company: 'name', 'Postal code': 'address.postal_code' }),
      FIELDS,
      ['\uFEFFCompany ', 'POSTAL_CODE'],
    );
    expect(targets(resolved)).toEqual({ '\uFEFFCompany ': 'name', POSTAL_CODE: 'address.postal_code' });
    expect(resolved.warnings).toEqual([]);
  });
});

describe('resolveProfile match', () => {
  const columns = { ID: 'id', Company: 'name', VAT: 'VAT number', Tier: 'Customer tier' };
  const headers = Object.keys(columns);
  const match = (text: string | undefined, mode: MappingProfile['mode'] = 'upsert'): ResolvedProfile =>
    resolveProfile(
      profile(columns, { mode, ...(text === undefined ? {} : { match: text }) }),
      FIELDS,
      headers,
    );

  it('resolves id, name, and a field key or name', () => {
    const cases: Array<[string, MappingTarget]> = [
      ['id', { kind: 'id' }],
      ['name', { kind: 'field', key: 'name' }],
      ['VAT number', { kind: 'field', key: KEYS.vat }],
      [KEYS.vat, { kind: 'field', key: KEYS.vat }],
    ];
    for (const [text, expected] of cases) {
      const resolved = match(text);
      expect(resolved.errors).toEqual([]);
      expect(resolved.match).toEqual(expected);
    }
  });

  it('refuses an unknown or unsuitable match key, or one no column is mapped to', () => {
    expect(match('Customer tier').errors[0]?.message).toContain(
      `"Customer tier" (${KEYS.tier}, enum) cannot be a match key; accepted: id, name (Name),`,
    );
    expect(match('address.locality').errors[0]?.message).toContain('cannot be a match key');
    expect(match('Phon').errors[0]?.message).toContain('did you mean "Phone"?');
    expect(match('Phone').errors).toEqual([
      {
        path: 'match',
        message: `no column is mapped to "Phone" (${KEYS.phone}), so rows cannot be matched by it`,
      },
    ]);
  });

  it('defaults to the ID column, needs a key otherwise, and ignores it when creating', () => {
    expect(match(undefined).match).toEqual({ kind: 'id' });
    const noId = resolveProfile(profile({ Company: 'name' }, { mode: 'update' }), FIELDS, ['Company']);
    expect(noId.errors[0]?.message).toContain('update needs a match key');
    const create = match('name', 'create');
    expect(create.match).toBeNull();
    expect(create.columns['ID']).toBeNull();
    expect(create.warnings.map((w) => w.path)).toEqual(['columns["ID"]', 'match']);
  });

  it('lets the command line override mode and match', () => {
    const resolved = resolveProfile(profile(columns, { mode: 'create' }), FIELDS, headers, {
      mode: 'update',
      match: 'Naem',
    });
    expect(resolved.mode).toBe('update');
    expect(resolved.errors).toEqual([
      { path: '--match', message: expect.stringContaining('did you mean "name"?') },
    ]);
  });
});

describe('toMappingProfile', () => {
  it('writes keys, not names, and round-trips through the file text even after a field is renamed', () => {
    const saved = toMappingProfile({
      name: 'Fair',
      mode: 'upsert',
      match: { kind: 'field', key: KEYS.vat },
      columns: [
        { column: 'Firma', target: { kind: 'field', key: 'name' } },
        { column: 'Tier', target: { kind: 'field', key: KEYS.tier } },
        { column: 'PLZ', target: { kind: 'part', key: 'address', part: 'postal_code' } },
        { column: 'USt-IdNr', target: { kind: 'field', key: KEYS.vat } },
        { column: 'Notiz', target: null },
      ],
      columnSettings: { Tier: {}, Umsatz: { decimalSeparator: ',', thousandsSeparator: null } },
    });
    expect(saved).toEqual({
      version: 1,
      name: 'Fair',
      mode: 'upsert',
      columns: {
        Firma: 'name',
        Tier: KEYS.tier,
        PLZ: 'address.postal_code',
        'USt-IdNr': KEYS.vat,
        Notiz: null,
      },
      match: KEYS.vat,
      columnSettings: { Umsatz: { decimalSeparator: ',', thousandsSeparator: null } },
    });
    const renamed = FIELDS.map((f) => (f.key === KEYS.tier ? { ...f, name: 'Customer level' } : f));
    const reread = readMappingProfile(serializeMappingProfile(saved), 'fair.json');
    const resolved = resolveProfile(reread, renamed, ['Firma', 'Tier', 'PLZ', 'USt-IdNr', 'Notiz']);
    expect(resolved.errors).toEqual([]);
    expect(targets(resolved)['Tier']).toBe(KEYS.tier);
    expect(resolved.match).toEqual({ kind: 'field', key: KEYS.vat });
  });

  it('refuses a draft that cannot make a valid profile', () => {
    expect(() => toMappingProfile({ columns: [], headerRow: 0 })).toThrow(MappingProfileError);
  });
});
