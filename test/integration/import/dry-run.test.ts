import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMappingProfile } from '../../../shared/mapping-profile.ts';
import { resetConnectionStates } from '../../../electron/engine/pipedrive/index.ts';
import type { RunningSandbox } from '../../../electron/engine/sandbox/index.ts';
import { cli, fastSandbox, temp, writeCsv } from './helpers.ts';

let sandbox: RunningSandbox;
let home: string;
let dir: string;

beforeEach(async () => {
  resetConnectionStates();
  sandbox = await fastSandbox();
  sandbox.control.addOrganizations([{ id: 1, name: 'Acme', employee_count: 1 }]);
  home = await temp.dir('orgport-home-');
  dir = await temp.dir();
});
afterEach(async () => {
  await sandbox.close();
  await temp.cleanup();
});

const nothingWritten = (): boolean => sandbox.control.requestLog.every((e) => e.method === 'GET');

describe('orgport import --dry-run', () => {
  it('shows columns, problems, planned outcomes and the cost, sends nothing, and exits 1 on problems', async () => {
    const file = await writeCsv(dir, 'leads.csv', [
      ['Name', 'Number of employees', 'Owner'],
      ['Acme', '2', 'alex.morgan@orgport-sandbox.example'],
      ['Newco', 'many', 'alex.morgan@orgport-sandbox.example'],
      ['Other', '3', 'ghost@example.com'],
      ['Third', '4', ''],
    ]);
    const profile = path.join(dir, 'map.json');
    await writeFile(
      profile,
      JSON.stringify({
        version: 1,
        columns: { Name: 'name', 'Number of employees': 'employee_count', Owner: 'owner_id' },
      }),
    );
    const run = await cli(
      ['import', file, '--mapping', profile, '--mode', 'upsert', '--match', 'name', '--dry-run'],
      sandbox,
      home,
    );
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/leads\.csv: 4 rows, 3 columns \(CSV/);
    expect(run.out).toMatch(/Number of employees +→ Number of employees \(int\): 3 converted, 1 failed/);
    expect(run.out).toMatch(/Problems: 2 row\(s\) would fail/);
    expect(run.out).toMatch(/Row 3: Column "Number of employees" \(value "many"\)/);
    expect(run.out).toMatch(/Row 4: Column "Owner" \(value "ghost@example.com"\): .*not a user/);
    expect(run.out).toMatch(/Planned: 1 create · 1 update · 0 unchanged · 2 fail/);
    expect(run.out).toMatch(/Token cost: about 50 tokens \(fields 10, users 20, index 10, writes 10\)/);
    expect(nothingWritten()).toBe(true);
    expect(sandbox.control.getOrganization(1)?.employee_count).toBe(1);
  });

  it('exits 0 when every row would go through, and prints JSON with --json', async () => {
    const file = await writeCsv(dir, 'clean.csv', [
      ['ID', 'Name'],
      ['1', 'Acme'],
    ]);
    const run = await cli(['import', file, '--dry-run', '--json'], sandbox, home);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.out) as Record<string, unknown>;
    expect(json).toMatchObject({ dryRun: true, mode: 'update', problemRows: 0, outcomes: { unchanged: 1 } });
    expect(nothingWritten()).toBe(true);
  });

  it('without --mapping, refuses an uncertain auto-mapping and prints it as a profile to save (exit 2)', async () => {
    const file = await writeCsv(dir, 'messy.csv', [
      ['Firma', 'Something else'],
      ['Acme', 'x'],
    ]);
    const run = await cli(['import', file], sandbox, home);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/"Something else": not mapped/);
    const json = run.err.slice(run.err.indexOf('{'), run.err.indexOf('\n}\n') + 2);
    expect(readMappingProfile(json).columns).toMatchObject({ Firma: 'name', 'Something else': null });
    expect(sandbox.control.requestLog.filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('reports a profile that does not fit the file as a usage error', async () => {
    const file = await writeCsv(dir, 'a.csv', [['Name'], ['Acme']]);
    const profile = path.join(dir, 'bad.json');
    await writeFile(profile, JSON.stringify({ version: 1, columns: { Name: 'no_such_field' } }));
    const run = await cli(['import', file, '--mapping', profile], sandbox, home);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/columns\["Name"\]: no field has the key or name "no_such_field"/);
  });
});
