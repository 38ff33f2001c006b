import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetConnectionStates } from '../../../electron/engine/pipedrive/index.ts';
import type { RunningSandbox } from '../../../electron/engine/sandbox/index.ts';
import { cli, fastSandbox, temp } from './helpers.ts';

let sandbox: RunningSandbox;
let home: string;
let dir: string;

beforeEach(async () => {
  resetConnectionStates();
  // Seeded demo data: every field type, deactivated owners, formula-looking text, many scripts.
  sandbox = await fastSandbox({ organizations: 80, seed: 3 });
  home = await temp.dir('orgport-home-');
  dir = await temp.dir();
});
afterEach(async () => {
  await sandbox.close();
  await temp.cleanup();
});

const writes = (): number =>
  sandbox.control.requestLog.filter((e) => e.method === 'POST' || e.method === 'PATCH').length;

describe('export → import round trip', () => {
  it.each(['csv', 'xlsx'] as const)(
    'a %s export imports back as an update that changes nothing',
    async (format) => {
      const file = path.join(dir, `orgs.${format}`);
      expect((await cli(['export', '--out', file], sandbox, home)).code).toBe(0);
      const before = sandbox.control.organizations();
      sandbox.control.clearRequestLog();

      const result = await cli(['import', file, '--json'], sandbox, home);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.out)).toMatchObject({
        state: 'done',
        counts: { unchanged: 80, updated: 0, created: 0, failed: 0, skipped: 0 },
      });
      expect(writes()).toBe(0);
      expect(sandbox.control.organizations()).toEqual(before);
    },
  );

  it('after a few cells are edited, exactly those changes are applied', async () => {
    const file = path.join(dir, 'orgs.csv');
    await cli(['export', '--out', file], sandbox, home);
    const rows = Papa.parse<string[]>((await readFile(file, 'utf8')).replace(/^\uFEFF/, '').trim()).data;
    const header = rows[0] ?? [];
    const col = (name: string): number => header.indexOf(name);
    const [first, second, third] = [rows[1] ?? [], rows[2] ?? [], rows[3] ?? []];
    first[col('Name')] = 'Renamed in the sheet';
    second[col('Number of employees')] = '4242';
    third[col('VAT number')] = 'EDITED-VAT';
    await writeFile(file, '\uFEFF' + Papa.unparse(rows, { newline: '\r\n' }));
    const before = new Map(sandbox.control.organizations().map((o) => [o.id, o]));
    sandbox.control.clearRequestLog();

    const result = await cli(['import', file, '--json'], sandbox, home);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ counts: { updated: 3, unchanged: 77, failed: 0 } });
    expect(sandbox.control.requestLog.filter((e) => e.method === 'PATCH')).toHaveLength(3);

    const vatKey = sandbox.control.fields().find((f) => f.name === 'VAT number')?.key ?? '';
    const changed = new Map<number, (o: Record<string, unknown>) => void>([
      [Number(first[0]), (o) => (o.name = 'Renamed in the sheet')],
      [Number(second[0]), (o) => (o.employee_count = 4242)],
      [Number(third[0]), (o) => ((o.custom_fields as Record<string, unknown>)[vatKey] = 'EDITED-VAT')],
    ]);
    for (const org of sandbox.control.organizations()) {
      const expected = structuredClone(before.get(org.id)) as unknown as Record<string, unknown>;
      changed.get(org.id)?.(expected);
      const { update_time: _a, ...now } = org;
      const { update_time: _b, ...want } = expected;
      expect(now).toEqual(want);
    }
  });
});
