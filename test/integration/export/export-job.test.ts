import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExportColumns, createExportContext, toCsvCell } from '../../../shared/export/index.ts';
import type { OrgField, Organization } from '../../../shared/model.ts';
import { JobManager } from '../../../electron/engine/jobs/core/job-manager.ts';
import { JobStore } from '../../../electron/engine/jobs/core/job-store.ts';
import { exportJobDefinition, type ExportJobEnv } from '../../../electron/engine/jobs/export/export-job.ts';
import { startSandbox, type RunningSandbox } from '../../../electron/engine/sandbox/index.ts';

let sandbox: RunningSandbox;
let dir: string;
let manager: JobManager<ExportJobEnv>;
let env: ExportJobEnv;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, organizations: 2_600, seed: 7, burst: 10_000 });
  dir = await mkdtemp(path.join(tmpdir(), 'orgport-export-'));
  manager = new JobManager<ExportJobEnv>(new JobStore(path.join(dir, 'jobs')));
  manager.register(exportJobDefinition<ExportJobEnv>());
  env = {
    connection: { baseUrl: sandbox.url, auth: { kind: 'token', token: 'secret-export-token' } },
    label: 'Sandbox',
  };
});
afterAll(async () => {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

async function runExport(spec: Record<string, unknown>) {
  const run = await manager.start({ kind: 'export', spec, title: 'export', connection: 'Sandbox', env });
  return run.done;
}

function expectedRows(
  orgs: ReadonlyArray<Organization>,
  fields: ReadonlyArray<OrgField>,
  selection?: string[],
) {
  const columns = buildExportColumns(fields, selection ? { selection } : {});
  const context = createExportContext(sandbox.control.users());
  return {
    columns,
    rows: orgs.map((org) => columns.map((c) => ({ value: c.extract(org, context), kind: c.kind }))),
  };
}

describe('export job against the sandbox', () => {
  it('writes every organization and every field, readable, to CSV', async () => {
    const out = path.join(dir, 'all.csv');
    const summary = await runExport({ out, format: 'csv', delimiter: ';' });
    expect(summary.state).toBe('done');
    const text = await readFile(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<string[]>(text.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    const orgs = sandbox.control.organizations();
    const fields = sandbox.control.fields();
    const { columns, rows } = expectedRows(orgs, fields);
    expect(parsed[0]).toEqual(columns.map((c) => c.header));
    expect(parsed).toHaveLength(orgs.length + 1);
    parsed.slice(1).forEach((line, i) => {
      expect(line).toEqual((rows[i] ?? []).map((cell) => toCsvCell(cell.value, cell.kind)));
    });
    // Readable, not raw: option fields hold labels, the owner column names people.
    const industry = fields.find((f) => f.key === 'industry');
    const industryCol = parsed[0]?.indexOf(columns.find((c) => c.key === 'industry')?.header ?? '') ?? -1;
    const labels = new Set(industry?.options?.map((o) => o.label));
    const industryValues = parsed
      .slice(1)
      .map((r) => r[industryCol])
      .filter((v) => v);
    expect(industryValues.length).toBeGreaterThan(0);
    for (const value of industryValues) expect(labels.has(value ?? '')).toBe(true);
    const ownerCol = parsed[0]?.indexOf('Owner') ?? -1;
    const userNames = new Set(sandbox.control.users().map((u) => u.name));
    for (const row of parsed.slice(1)) expect(userNames.has(row[ownerCol] ?? '')).toBe(true);
    // Formula-looking text from the seed data is neutralised.
    const risky = parsed
      .slice(1)
      .flat()
      .filter((cell) => /^\s*[=+@]/.test(cell));
    expect(risky).toEqual([]);
    expect(
      parsed
        .slice(1)
        .flat()
        .some((cell) => /^'\s*[=+@-]/.test(cell)),
    ).toBe(true);
    expect(summary.tokensSpent).toBe(10 + 20 + 10 * Math.ceil(orgs.length / 500));
  });

  it('writes XLSX with typed cells that match the sandbox state', async () => {
    const out = path.join(dir, 'all.xlsx');
    const summary = await runExport({ out, format: 'xlsx' });
    expect(summary.state).toBe('done');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.getWorksheet('Organizations');
    const orgs = sandbox.control.organizations();
    const { columns, rows } = expectedRows(orgs, sandbox.control.fields());
    expect(sheet?.rowCount).toBe(orgs.length + 1);
    expect((sheet?.getRow(1).values as unknown[]).slice(1)).toEqual(columns.map((c) => c.header));
    for (const index of [0, 1, 2, 500, 1_234, orgs.length - 1]) {
      const row = sheet?.getRow(index + 2);
      (rows[index] ?? []).forEach((cell, c) => {
        const actual = row?.getCell(c + 1).value ?? null;
        const expected = typeof cell.value === 'string' ? cell.value.replace(/\r\n/g, '\n') : cell.value;
        expect(typeof actual === 'string' ? actual.replace(/\r\n/g, '\n') : actual).toEqual(expected);
      });
    }
    expect(book.getWorksheet('About this export')?.getCell('B1').value).toBe('Sandbox');
  });

  it('applies the owner filter and the field choice', async () => {
    const owner = sandbox.control.users().find((u) => u.active_flag)?.id ?? 1;
    const out = path.join(dir, 'owner.csv');
    await runExport({ out, format: 'csv', ownerId: owner, fields: ['name', 'address'] });
    const parsed = Papa.parse<string[]>((await readFile(out, 'utf8')).slice(1), {
      skipEmptyLines: true,
    }).data;
    const expected = sandbox.control.organizations().filter((o) => o.owner_id === owner);
    expect(parsed.length - 1).toBe(expected.length);
    expect(parsed[0]?.[0]).toBe('ID');
    expect(parsed[0]?.[1]).toBe('Name');
    expect(parsed[0]?.some((h) => h.startsWith('Address'))).toBe(true);
    expect(parsed[0]?.includes('Owner')).toBe(false);
    expect(parsed.slice(1).map((r) => Number(r[0]))).toEqual(expected.map((o) => o.id));
  });

  it('applies updated-since', async () => {
    const orgs = sandbox.control.organizations();
    const times = orgs.map((o) => o.update_time).sort();
    const since = times[Math.floor(times.length / 2)] ?? '';
    const out = path.join(dir, 'since.csv');
    await runExport({ out, format: 'csv', updatedSince: since, fields: ['name'] });
    const parsed = Papa.parse<string[]>((await readFile(out, 'utf8')).slice(1), {
      skipEmptyLines: true,
    }).data;
    expect(parsed.length - 1).toBe(orgs.filter((o) => o.update_time >= since).length);
  });

  it('leaves no file behind when cancelled', async () => {
    const out = path.join(dir, 'cancelled.xlsx');
    sandbox.control.setOptions({ latencyMs: 200 });
    try {
      const run = await manager.start({
        kind: 'export',
        spec: { out, format: 'xlsx' },
        title: 'x',
        connection: 'Sandbox',
        env,
      });
      setTimeout(() => void manager.cancel(run.id), 400);
      const summary = await run.done;
      expect(summary.state).toBe('cancelled');
    } finally {
      sandbox.control.setOptions({ latencyMs: 0 });
    }
    expect((await readdir(dir)).filter((f) => f.includes('cancelled'))).toEqual([]);
  });

  it('writes only the headers for a company without organizations', async () => {
    const empty = await startSandbox({ port: 0, organizations: 0 });
    try {
      const out = path.join(dir, 'empty.csv');
      const run = await manager.start({
        kind: 'export',
        spec: { out, format: 'csv' },
        title: 'x',
        connection: 'Sandbox',
        env: { ...env, connection: { ...env.connection, baseUrl: empty.url } },
      });
      expect((await run.done).state).toBe('done');
      const parsed = Papa.parse<string[]>((await readFile(out, 'utf8')).slice(1), {
        skipEmptyLines: true,
      }).data;
      expect(parsed).toHaveLength(1);
      expect(parsed[0]?.[0]).toBe('ID');
    } finally {
      await empty.close();
    }
  });

  it('never writes the token into the job folder or the file', async () => {
    const files: string[] = [];
    const walk = async (d: string): Promise<void> => {
      for (const entry of await readdir(d, { withFileTypes: true })) {
        const p = path.join(d, entry.name);
        if (entry.isDirectory()) await walk(p);
        else files.push(p);
      }
    };
    await walk(dir);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect((await readFile(file)).includes('secret-export-token')).toBe(false);
  });
});
