import { describe, expect, it } from 'vitest';
import { SandboxClock } from '../../../electron/engine/sandbox/clock.ts';
import { ApiError } from '../../../electron/engine/sandbox/http-util.ts';
import { SandboxState } from '../../../electron/engine/sandbox/state.ts';
import type { FieldDef } from '../../../electron/engine/sandbox/types.ts';
import {
  applyOrgWrite,
  parseTimestamp,
  validateOrgWrite,
} from '../../../electron/engine/sandbox/validate.ts';

const state = new SandboxState(1, new SandboxClock(true, Date.UTC(2026, 5, 1)));
state.seedFresh(20);
const ctx = state.writeContext();
const custom = (type: string): FieldDef => {
  const def = state.account.fields.find((f) => f.custom && f.type === type);
  if (!def) throw new Error(`no custom ${type} field`);
  return def;
};

/** The 400 message a body gets, or null when it is valid. */
function problem(body: unknown, mode: 'create' | 'update' = 'create'): string | null {
  try {
    validateOrgWrite(body, mode, ctx);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    return (error as ApiError).message;
  }
}
const withCustom = (type: string, value: unknown): unknown => ({
  name: 'X',
  custom_fields: { [custom(type).key]: value },
});

describe('system properties', () => {
  it('requires a non-empty string name on create only', () => {
    expect(problem({})).toBe('"name" is required');
    expect(problem({ name: '  ' })).toBe('"name" is not allowed to be empty');
    expect(problem({ name: 12 })).toBe('"name" must be a string');
    expect(problem({ name: 'x'.repeat(256) })).toBe(
      '"name" length must be less than or equal to 255 characters long',
    );
    expect(problem({ visible_to: 3 }, 'update')).toBeNull();
  });

  it('refuses unknown properties, and add_time on update', () => {
    expect(problem({ name: 'X', colour: 'red' })).toBe('"colour" is not allowed');
    expect(problem({ add_time: '2024-01-01T00:00:00Z' }, 'update')).toBe('"add_time" is not allowed');
    expect(problem({ name: 'X', is_deleted: true })).toBe('"is_deleted" is not allowed');
  });

  it('checks owners: no string ids, unknown, deleted and deactivated users refused', () => {
    expect(problem({ name: 'X', owner_id: '2' })).toBe('"owner_id" must be a number');
    expect(problem({ name: 'X', owner_id: 2.5 })).toBe('"owner_id" must be an integer');
    expect(problem({ name: 'X', owner_id: 999 })).toMatch(/"owner_id".*user 999 was not found/);
    expect(problem({ name: 'X', owner_id: 8 })).toMatch(/user 8 was not found/);
    expect(problem({ name: 'X', owner_id: 7 })).toMatch(/user 7, who is deactivated/);
    expect(problem({ name: 'X', owner_id: 2 })).toBeNull();
  });

  it('allows only the four visibility values, as numbers', () => {
    expect(problem({ name: 'X', visible_to: 2 })).toBe('"visible_to" must be one of [1, 3, 5, 7]');
    expect(problem({ name: 'X', visible_to: '3' })).toBe('"visible_to" must be a number');
    expect(problem({ name: 'X', visible_to: 7 })).toBeNull();
  });

  it('checks label ids against the label options; [] clears labels', () => {
    expect(problem({ name: 'X', label_ids: [1, 99] })).toMatch(
      /"label_ids\[1\]" contains an invalid option id 99/,
    );
    expect(problem({ name: 'X', label_ids: [1, 1] })).toBe('"label_ids[1]" contains a duplicate value');
    expect(problem({ name: 'X', label_ids: '1,2' })).toBe('"label_ids" must be an array');
    expect(problem({ name: 'X', label_ids: [] })).toBeNull();
  });

  it('checks the 2026 system fields', () => {
    expect(problem({ name: 'X', industry: 5 })).toMatch(/"industry" contains an invalid option id 5/);
    expect(problem({ name: 'X', annual_revenue: '100' })).toBe('"annual_revenue" must be a number');
    expect(problem({ name: 'X', employee_count: -1 })).toBe(
      '"employee_count" must be greater than or equal to 0',
    );
    expect(
      problem({ name: 'X', website: null, linkedin: 'https://x', industry: 101, employee_count: 3 }),
    ).toBeNull();
  });

  it('requires address.value and refuses unknown address parts', () => {
    expect(problem({ name: 'X', address: { route: 'Main' } })).toBe('"address.value" is required');
    expect(problem({ name: 'X', address: 'Main 1' })).toBe('"address" must be of type object');
    expect(problem({ name: 'X', address: { value: 'a', city: 'b' } })).toBe('"address.city" is not allowed');
  });

  it('parses RFC 3339 and Pipedrive times, and nothing else', () => {
    expect(parseTimestamp('t', '2024-07-01T05:46:33Z')).toBe(Date.UTC(2024, 6, 1, 5, 46, 33));
    expect(parseTimestamp('t', '2024-07-01 05:46:33')).toBe(Date.UTC(2024, 6, 1, 5, 46, 33));
    expect(() => parseTimestamp('t', '01.07.2024')).toThrow(/RFC 3339/);
  });
});

describe('custom field types', () => {
  const key = (type: string): string => custom(type).key;
  const cases: Array<[type: string, bad: unknown, message: RegExp, good: unknown]> = [
    ['varchar', 5, /must be a string/, 'text, with "quotes"'],
    ['varchar', 'x'.repeat(256), /less than or equal to 255 characters/, 'x'.repeat(255)],
    ['varchar_auto', ['a'], /must be a string/, 'auto'],
    ['text', 'x'.repeat(65_536), /less than or equal to 65535 characters/, 'line\nbreak'],
    ['phone', 37255501, /must be a string/, '+372 5550 1234'],
    ['double', '12.5', /must be a number/, -12.5],
    ['monetary', 100, /must be of type object/, { value: 10.5, currency: 'EUR' }],
    [
      'monetary',
      { value: '10', currency: 'EUR' },
      /\.value" must be a number/,
      { value: 0, currency: 'JPY' },
    ],
    [
      'monetary',
      { value: 10, currency: 'euro' },
      /fails to match the required pattern/,
      { value: 1, currency: 'USD' },
    ],
    ['monetary', { value: 10 }, /\.currency" is required/, { value: 1, currency: 'GBP' }],
    ['date', '2024-02-30', /valid date in YYYY-MM-DD/, '2024-02-29'],
    ['date', '01/02/2024', /valid date in YYYY-MM-DD/, '2024-01-02'],
    [
      'daterange',
      { value: '2024-02-01', until: '2024-01-01' },
      /\.until" must be greater than or equal/,
      { value: '2024-01-01', until: '2024-01-01' },
    ],
    ['time', '09:00:00', /must be of type object/, { value: '09:00' }],
    ['time', { value: '25:00:00' }, /valid time/, { value: '23:59:59', timezone_name: 'Asia/Tokyo' }],
    [
      'time',
      { value: '09:00:00', timezone_name: 'Mars/Olympus' },
      /IANA time zone/,
      { value: '09:00:00', timezone_id: 318 },
    ],
    [
      'timerange',
      { value: '09:00:00' },
      /\.until" must be a string/,
      { value: '09:00:00', until: '17:30:00' },
    ],
    ['enum', '201', /must be a number/, custom('enum').options?.[0]?.id],
    ['enum', 99_999, /invalid option id 99999 for field "Customer tier"/, custom('enum').options?.[1]?.id],
    ['set', [], /must contain at least 1 items/, [custom('set').options?.[0]?.id]],
    ['set', 201, /must be an array/, [custom('set').options?.[0]?.id, custom('set').options?.[2]?.id]],
    ['set', [99_999], /\[0\]" contains an invalid option id 99999/, [custom('set').options?.[3]?.id]],
    ['user', 7, /deactivated/, 3],
    ['org', 5_000, /organization 5000, which does not exist/, 4],
    ['people', 0, /positive number/, 17],
    ['address', { value: '' }, /is not allowed to be empty/, { value: 'Tartu mnt 1, Tallinn' }],
  ];
  for (const [type, bad, message, good] of cases) {
    it(`${type}: refuses ${JSON.stringify(bad).slice(0, 40)} and accepts ${JSON.stringify(good).slice(0, 40)}`, () => {
      const got = problem(withCustom(type, bad));
      expect(got).toMatch(message);
      expect(got).toContain(`custom_fields.${key(type)}`);
      expect(problem(withCustom(type, good))).toBeNull();
    });
  }

  it('refuses a key that is not a custom field, including system keys', () => {
    expect(problem({ name: 'X', custom_fields: { ['f'.repeat(40)]: 'x' } })).toMatch(
      /"custom_fields\.f{40}" is not allowed/,
    );
    expect(problem({ name: 'X', custom_fields: { name: 'x' } })).toMatch(
      /"custom_fields\.name" is not allowed/,
    );
  });

  it('normalises time values and fills in the user time zone', () => {
    const write = validateOrgWrite(withCustom('time', { value: '09:30' }), 'create', ctx);
    expect(write.custom_fields?.[key('time')]).toEqual({
      value: '09:30:00',
      timezone_name: 'Europe/Berlin',
      timezone_id: 323,
    });
  });

  it('merges custom fields per key on apply, null clears one, and replaces address and labels', () => {
    const org = structuredClone(state.store.get(1));
    if (!org) throw new Error('missing');
    const before = { ...org.custom_fields };
    const write = validateOrgWrite(
      {
        label_ids: [2],
        address: { value: 'New 1' },
        custom_fields: { [key('double')]: 1.5, [key('varchar_auto')]: null },
      },
      'update',
      ctx,
    );
    applyOrgWrite(org, write);
    expect(org.custom_fields[key('double')]).toBe(1.5);
    expect(org.custom_fields[key('varchar_auto')]).toBeNull();
    expect(org.custom_fields[key('date')]).toEqual(before[key('date')]);
    expect(org.label_ids).toEqual([2]);
    expect(org.address).toEqual({
      value: 'New 1',
      ...Object.fromEntries(
        Object.keys(org.address ?? {})
          .filter((k) => k !== 'value')
          .map((k) => [k, null]),
      ),
    });
    expect(org.address?.route).toBeNull();
  });
});
