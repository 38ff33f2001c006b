/**
 * Issue 8, hostile input: malformed mapping profiles. The profile parser (shared/mapping-profile.ts)
 * is fuzzed with truncated and byte-flipped JSON, wrong types at every property, unknown fields, huge
 * lists and objects, and prototype-pollution keys; `orgport import --mapping` is run with such files.
 * Every profile is either read exactly as written or refused with a MappingProfileError naming the
 * file, the property and what would be accepted; the CLI exits 2 (design.md) before contacting
 * anything. The seed is printed; `HOSTILE_SEED=n` replays a run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../electron/cli/main.ts';
import {
  MappingProfileError,
  readMappingProfile,
  serializeMappingProfile,
  type MappingProfile,
} from '../../shared/mapping-profile.ts';
import { flipBytes, hostileSeed, prng } from './hostile-inputs.ts';

const seed = hostileSeed();
const SOURCE = 'hostile.json';
const EXAMPLE = {
  version: 1,
  sheet: 'Sheet1',
  headerRow: 1,
  columns: { Company: 'name', 'Account owner': 'owner_id', Sector: 'Industry', Notes: null },
  match: 'name',
  emptyCells: 'skip',
  columnSettings: { Founded: { dateOrder: 'dmy' } },
};
const PROPERTIES = Object.keys(EXAMPLE).concat(['name', 'mode']);
/** Values no property accepts. */
const NEVER: ReadonlyArray<unknown> = [0, -1, true, [], [1, 2], 'x'.repeat(1_000_000)];
/** Values some properties accept (null sheet, a 300-character sheet name, an empty columns object). */
const SOMETIMES: ReadonlyArray<unknown> = [null, 1.5, 1e21, '', ' ', {}, 'x'.repeat(300)];

type Outcome =
  { readonly ok: true; readonly profile: MappingProfile } | { readonly ok: false; readonly message: string };

/** Reads `text`; anything thrown other than a MappingProfileError fails the test. */
function read(text: string): Outcome {
  try {
    return { ok: true, profile: readMappingProfile(text, SOURCE) };
  } catch (error) {
    if (error instanceof MappingProfileError) return { ok: false, message: error.message };
    throw error;
  }
}

/** A refusal must be short and say where and what; an acceptance must keep exactly what was written. */
function expectClear(text: string, outcome: Outcome, what: string): void {
  if (outcome.ok) {
    const json = JSON.parse(text.replace(/^\uFEFF/u, '')) as { columns: Record<string, unknown> };
    expect(Object.keys(outcome.profile.columns), what).toEqual(Object.keys(json.columns));
    expect(read(serializeMappingProfile(outcome.profile)), `${what}: round trip`).toEqual(outcome);
    return;
  }
  const lines = outcome.message.split('\n');
  expect(lines[0], what).toBe(`${SOURCE} is not a valid mapping profile:`);
  for (const line of lines.slice(1))
    expect(line, what).toMatch(new RegExp(`^  (${SOURCE}: \\S|…and \\d+ more problems$)`));
  expect(outcome.message.length, `${what}: message of ${outcome.message.length} characters`).toBeLessThan(
    4_000,
  );
  expect(outcome.message, what).not.toMatch(/\n\s+at |\[object Object\]|undefined/);
}

describe('mapping profiles, fuzzed', () => {
  it('reads truncated, byte-flipped and retyped profiles exactly or refuses them clearly', () => {
    console.log(`Mapping-profile fuzz seed ${seed} (replay with HOSTILE_SEED=${seed})`);
    const random = prng(seed);
    const text = JSON.stringify(EXAMPLE, null, 2);
    const tally = { accepted: 0, refused: 0 };
    const run = (candidate: string, what: string): Outcome => {
      const outcome = read(candidate);
      expectClear(candidate, outcome, what);
      tally[outcome.ok ? 'accepted' : 'refused']++;
      return outcome;
    };
    expect(run(text, 'the example').ok).toBe(true);
    for (let cut = 0; cut < text.length; cut++) {
      expect(run(text.slice(0, cut), `cut at ${cut}`).ok, `cut at ${cut}`).toBe(false);
    }
    const bytes = Buffer.from(text);
    for (let i = 0; i < 300; i++)
      run(flipBytes(bytes, 1 + random.int(4), random).toString('utf8'), `flip #${i}`);
    for (const property of PROPERTIES) {
      for (const value of [...NEVER, ...SOMETIMES]) {
        const what = `${property} = ${JSON.stringify(value).slice(0, 40)}`;
        const outcome = run(JSON.stringify({ ...EXAMPLE, [property]: value }), what);
        if (NEVER.includes(value)) expect(outcome.ok, what).toBe(false);
      }
      const { [property]: _dropped, ...without } = { ...EXAMPLE, name: 'n', mode: 'upsert' } as Record<
        string,
        unknown
      >;
      const missing = run(JSON.stringify(without), `${property} missing`);
      expect(missing.ok, `${property} missing`).toBe(property !== 'version' && property !== 'columns');
    }
    for (const [what, extra] of [
      ['an unknown field', { colums: {} }],
      ['1,000 unknown fields', Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`f${i}`, i]))],
      ['a 1 MB unknown field name', { ['k'.repeat(1_000_000)]: 1 }],
    ] as const) {
      const outcome = run(JSON.stringify({ ...EXAMPLE, ...extra }), what);
      expect(outcome.ok, what).toBe(false);
    }
    console.log(`Mapping-profile fuzz: ${tally.accepted} accepted exactly, ${tally.refused} refused clearly`);
  });

  it('refuses huge lists and objects quickly, naming the limit', () => {
    const started = Date.now();
    const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`Column ${i}`, 'name']));
    const cases: Array<[string, unknown, RegExp]> = [
      [
        '100,000 columns',
        { ...EXAMPLE, columns: wide },
        /columns: lists 100000 columns; a profile holds at most 16384/,
      ],
      [
        'a list of 100,000 columns',
        { ...EXAMPLE, columns: new Array(100_000).fill('name') },
        /columns: expected an object/,
      ],
      [
        '2,000 invalid targets',
        { ...EXAMPLE, columns: Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`c${i}`, i])) },
        /…and 1980 more problems/,
      ],
      ['a 2,000-character header', { ...EXAMPLE, columns: { ['h'.repeat(2_000)]: 'name' } }, /columns/],
      [
        'a 201-character target',
        { ...EXAMPLE, columns: { Company: 'n'.repeat(201) } },
        /columns\["Company"\]: expected .* at most 200 characters/,
      ],
      [
        'a 301-character sheet name',
        { ...EXAMPLE, sheet: 's'.repeat(301) },
        /sheet: expected a sheet name \(text of at most 300 characters\)/,
      ],
    ];
    for (const [what, json, message] of cases) {
      const text = JSON.stringify(json);
      const outcome = read(text);
      expect(outcome.ok, what).toBe(false);
      expectClear(text, outcome, what);
      if (!outcome.ok) expect(outcome.message, what).toMatch(message);
    }
    const huge = read(' '.repeat(11 * 1024 * 1024));
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.message).toMatch(/too big to be a mapping profile/);
    // Generous: the point is "not minutes", on a loaded two-core machine.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('never lets __proto__ or constructor keys pollute objects or drop columns', () => {
    const refused: Array<[string, string, string]> = [
      [
        'top level',
        '{"version":1,"columns":{},"__proto__":{"polluted":true}}',
        `${SOURCE}: __proto__: "__proto__" is reserved`,
      ],
      [
        'a column',
        '{"version":1,"columns":{"__proto__":"name","Company":"name"}}',
        `${SOURCE}: columns["__proto__"]: "__proto__" is reserved`,
      ],
      [
        'a column setting',
        '{"version":1,"columns":{},"columnSettings":{"__proto__":{"dateOrder":"dmy"}}}',
        'columnSettings["__proto__"]',
      ],
      [
        'inside a setting',
        '{"version":1,"columns":{},"columnSettings":{"Date":{"__proto__":{"dateOrder":"dmy"}}}}',
        'columnSettings["Date"].__proto__',
      ],
      [
        'constructor at top level',
        '{"version":1,"columns":{},"constructor":{"prototype":{"polluted":true}}}',
        'unknown property "constructor"',
      ],
    ];
    for (const [what, text, message] of refused) {
      const outcome = read(text);
      expect(outcome.ok, what).toBe(false);
      if (!outcome.ok) expect(outcome.message, what).toContain(message);
    }
    // Ordinary names that happen to be Object.prototype's are columns like any other.
    const names =
      '{"version":1,"columns":{"constructor":"name","toString":null,"hasOwnProperty":"owner_id","prototype":"Industry"}}';
    const outcome = read(names);
    expect(outcome.ok).toBe(true);
    expectClear(names, outcome, 'prototype-named columns');
    if (outcome.ok) {
      expect(Object.getPrototypeOf(outcome.profile.columns)).toBe(Object.prototype);
      expect(outcome.profile.columns['constructor']).toBe('name');
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('orgport import --mapping with a hostile profile', () => {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgport-hostile-profile-'));
    fs.writeFileSync(path.join(dir, 'orgs.csv'), 'Company,City\nAcme,Berlin\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = async (mapping: string): Promise<{ code: number; stdout: string; stderr: string }> => {
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      out: (t) => void (stdout += t),
      err: (t) => void (stderr += t),
      stderrIsTty: false,
      // A token and an unreachable base URL: had the profile been accepted, the command would fail later, differently.
      env: { PIPEDRIVE_API_TOKEN: 'not-a-real-token', PIPEDRIVE_BASE_URL: 'http://127.0.0.1:9' },
      interrupted: new Promise<void>(() => {}),
    };
    const code = await main(['import', path.join(dir, 'orgs.csv'), '--mapping', mapping], io);
    return { code, stdout, stderr };
  };

  it.each([
    ['truncated JSON', '{"version":1,"columns":{"Company":"na', /bad\.json: not valid JSON/],
    [
      'a wrong type',
      '{"version":1,"columns":{"Company":5}}',
      /bad\.json: columns\["Company"\]: expected a field key.*got 5/,
    ],
    [
      'an unknown field',
      '{"version":1,"columns":{},"colums":{}}',
      /bad\.json: unknown property "colums" \(did you mean "columns"\?\)/,
    ],
    [
      'a __proto__ column',
      '{"version":1,"columns":{"__proto__":"name"}}',
      /bad\.json: columns\["__proto__"\]: "__proto__" is reserved/,
    ],
    [
      '100,000 columns',
      JSON.stringify({
        version: 1,
        columns: Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`c${i}`, 'name'])),
      }),
      /lists 100000 columns/,
    ],
  ])('exits 2 with the problem for %s, before contacting anything', async (_what, text, message) => {
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, text);
    const result = await run(file);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^orgport import: bad\.json is not a valid mapping profile:/);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at |not-a-real-token/);
  });

  it('exits 2 naming the file when the profile is missing or a folder', async () => {
    for (const target of [path.join(dir, 'missing.json'), dir]) {
      const result = await run(target);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`cannot read the mapping profile ${target}`);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
