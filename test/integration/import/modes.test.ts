import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { MappingMemoryStore } from '../../../electron/engine/import/index.ts';
import { resetConnectionStates } from '../../../electron/engine/pipedrive/index.ts';
import type { RunningSandbox } from '../../../electron/engine/sandbox/index.ts';
import {
  cli,
  fastSandbox,
  nameCounts,
  readCsv,
  reportPath,
  runImportJob,
  specFor,
  temp,
  writeCsv,
} from './helpers.ts';

let sandbox: RunningSandbox;
let home: string;
let dir: string;
let vatKey: string;

beforeEach(async () => {
  resetConnectionStates();
  sandbox = await fastSandbox();
  home = await temp.dir('orgport-home-');
  dir = await temp.dir();
  vatKey = sandbox.control.fields().find((f) => f.custom && f.name === 'VAT number')?.key ?? '';
  sandbox.control.addOrganizations([
    { id: 1, name: 'Acme GmbH', employee_count: 10, custom_fields: { [vatKey]: 'DE 111' } },
    { id: 2, name: 'Beta AG', employee_count: 20, custom_fields: { [vatKey]: 'DE222' } },
    { id: 3, name: 'Twin' },
    { id: 4, name: 'twin ' },
    { id: 5, name: 'Delta', employee_count: 5 },
  ]);
});
afterEach(async () => {
  await sandbox.close();
  await temp.cleanup();
});

const employees = (id: number): unknown => sandbox.control.getOrganization(id)?.employee_count;

describe('create', () => {
  it('creates valid rows, reports the others, and the fixed failed report imports back as is', async () => {
    const file = await writeCsv(dir, 'new.csv', [
      ['Name', 'Number of employees'],
      ['New One', '1'],
      ['', '2'],
      ['New Two', 'lots'],
      ['New Three', '3'],
    ]);
    const summary = await runImportJob(home, sandbox, await specFor(sandbox, file, { mode: 'create' }));
    expect(summary).toMatchObject({ state: 'done', counts: { created: 2, failed: 2, updated: 0 } });
    expect(nameCounts(sandbox).get('New One')).toBe(1);
    expect(nameCounts(sandbox).get('New Three')).toBe(1);

    const failedFile = reportPath(summary, 'Failed rows') ?? '';
    const failed = await readCsv(failedFile);
    expect(failed[0]).toEqual(['Name', 'Number of employees', 'Row', 'Reason']);
    expect(failed.slice(1).map((r) => r.slice(0, 3))).toEqual([
      ['', '2', '3'],
      ['New Two', 'lots', '4'],
    ]);
    expect(failed[1]?.[3]).toMatch(/needs a name/);
    expect(failed[2]?.[3]).toMatch(/Column "Number of employees" \(value "lots"\): .*not a number/);
    const succeeded = await readCsv(reportPath(summary, 'Succeeded rows') ?? '');
    expect(succeeded[0]).toEqual(['Name', 'Number of employees', 'Pipedrive ID', 'Action']);
    expect(succeeded.slice(1).map((r) => [r[0], r[3]])).toEqual([
      ['New One', 'created'],
      ['New Three', 'created'],
    ]);

    // The user fixes the two rows in the report and imports it with the same mapping profile.
    const fixed = [
      failed[0] ?? [],
      ['Fixed Four', '2', '3', failed[1]?.[3] ?? ''],
      ['New Two', '4', '4', failed[2]?.[3] ?? ''],
    ];
    await writeFile(failedFile, Papa.unparse(fixed, { newline: '\r\n' }));
    const profile = path.join(dir, 'profile.json');
    await writeFile(
      profile,
      JSON.stringify({ version: 1, columns: { Name: 'name', 'Number of employees': 'employee_count' } }),
    );
    const again = await cli(
      ['import', failedFile, '--mapping', profile, '--mode', 'create', '--json'],
      sandbox,
      home,
    );
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ state: 'done', counts: { created: 2, failed: 0 } });
    // The mapping is remembered for the app to offer again for files with these headers.
    const memory = await MappingMemoryStore.open(path.join(home, 'profiles'));
    expect(memory.recall(failed[0] ?? [])).toEqual({
      Name: 'name',
      'Number of employees': 'employee_count',
      Row: null,
      Reason: null,
    });
    const created = sandbox.control.organizations().find((o) => o.name === 'New Two');
    expect(created?.employee_count).toBe(4);
    expect(Object.values(created?.custom_fields ?? {}).filter((v) => v !== null)).toEqual([]);
  });
});

describe('update', () => {
  it('by name: normalised, unchanged rows skipped, ambiguous and in-file duplicates reported, never guessed', async () => {
    const file = await writeCsv(dir, 'by-name.csv', [
      ['Name', 'Number of employees'],
      ['  acme   gmbh ', '50'],
      ['Beta AG', '20'],
      ['Twin', '7'],
      ['Nobody', '1'],
      ['Delta', '6'],
      ['DELTA', '7'],
    ]);
    const spec = await specFor(sandbox, file, { mode: 'update', match: { kind: 'field', key: 'name' } });
    const summary = await runImportJob(home, sandbox, spec);
    expect(summary.counts).toEqual({ created: 0, updated: 1, unchanged: 1, skipped: 0, failed: 4 });
    expect(employees(1)).toBe(50);
    expect(sandbox.control.getOrganization(1)?.name).toBe('acme   gmbh');
    expect(employees(5)).toBe(5);
    const reasons = (await readCsv(reportPath(summary, 'Failed rows') ?? ''))
      .slice(1)
      .map((r) => `${r[2]}: ${r[3]}`);
    expect(reasons[0]).toMatch(/^4: 2 organizations have the name "Twin" \(IDs 3, 4\)/);
    expect(reasons[1]).toMatch(/^5: No organization in Pipedrive has the name "Nobody"/);
    expect(reasons[2]).toMatch(/^6: Row\(s\) 7 of the file have the same name/);
    expect(reasons[3]).toMatch(/^7: Row\(s\) 6 of the file/);
    const log = sandbox.control.requestLog;
    expect(log.filter((e) => e.method === 'GET' && e.path === '/api/v2/organizations/search')).toEqual([]);
    expect(log.filter((e) => e.method === 'PATCH')).toHaveLength(1);
  });

  it('by Pipedrive ID, and by a custom field', async () => {
    const byId = await writeCsv(dir, 'by-id.csv', [
      ['ID', 'Name', 'Number of employees'],
      ['2', 'Beta AG', '21'],
      ['99', 'Ghost', '1'],
    ]);
    const first = await runImportJob(
      home,
      sandbox,
      await specFor(sandbox, byId, { mode: 'update', match: { kind: 'id' } }),
    );
    expect(first.counts).toMatchObject({ updated: 1, failed: 1 });
    expect(employees(2)).toBe(21);

    const byVat = await writeCsv(dir, 'by-vat.csv', [
      ['VAT number', 'Number of employees'],
      ['de 111', '11'],
      ['DE333', '1'],
    ]);
    const spec = await specFor(sandbox, byVat, { mode: 'update', match: { kind: 'field', key: vatKey } });
    expect(spec.match).toBe(vatKey);
    const second = await runImportJob(home, sandbox, spec);
    expect(second.counts).toMatchObject({ updated: 1, failed: 1 });
    expect(employees(1)).toBe(11);
    // The index asked only for the one custom field it matches by.
    const list = sandbox.control.requestLog.filter((e) => e.path.startsWith('/api/v2/organizations?')).at(-1);
    expect(new URLSearchParams(list?.path.split('?')[1]).get('custom_fields')).toBe(vatKey);
  });
});

describe('upsert', () => {
  it('updates matches, creates the rest, and refuses ambiguous keys and in-file duplicates', async () => {
    const file = await writeCsv(dir, 'upsert.csv', [
      ['Name', 'Number of employees'],
      ['Acme GmbH', '12'],
      ['Brand New', '1'],
      ['twin', '2'],
      ['Dup', '3'],
      ['dup', '4'],
    ]);
    const summary = await runImportJob(
      home,
      sandbox,
      await specFor(sandbox, file, { mode: 'upsert', match: { kind: 'field', key: 'name' } }),
    );
    expect(summary.counts).toEqual({ created: 1, updated: 1, unchanged: 0, skipped: 0, failed: 3 });
    expect(employees(1)).toBe(12);
    const names = nameCounts(sandbox);
    expect(names.get('Brand New')).toBe(1);
    expect(names.has('Dup') || names.has('dup')).toBe(false);
    expect(sandbox.control.organizations()).toHaveLength(6);
  });
});
