/**
 * The four job kinds of the fault matrix: how each cell's sandbox is seeded and its job specified,
 * which requests are the job's "work" (where faults are aimed), and the check that the sandbox ends in
 * the intended state — nothing lost, nothing doubled — and that the job's reports say exactly that.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { expect } from 'vitest';
import { toCsvCell } from '../../shared/export/index.ts';
import type { JobSummary } from '../../shared/jobs.ts';
import { buildImportSpec, closeImport, openImport } from '../../electron/engine/import/index.ts';
import { BACKUP_LABEL } from '../../electron/engine/jobs/delete/prepare-phase.ts';
import { REPORT_LABELS } from '../../electron/engine/jobs/delete/delete-report.ts';
import { PipedriveClient } from '../../electron/engine/pipedrive/index.ts';
import type { SandboxOptions } from '../../electron/engine/sandbox/index.ts';
import type { Cell } from './fault-harness.ts';

/** The job kinds of the matrix (import counted twice: create and upsert by name). */
export type MatrixJob = 'import create' | 'import upsert' | 'export' | 'delete';

/** A prepared job: its spec, its size, and the check of the end state. */
export interface PreparedJob {
  readonly kind: 'import' | 'export' | 'delete';
  readonly spec: unknown;
  readonly rows: number;
  verify(final: JobSummary): Promise<void>;
}

/** Rows of each import; organizations an export reads (three 500-row pages); IDs a delete removes. */
export const SIZES = { import: 60, exportOrgs: 1_200, deleteOrgs: 90, deleteIds: 60 } as const;

/** Sandbox options a job kind needs (seeded organizations; the delete goes per ID through v2). */
export function sandboxFor(job: MatrixJob): SandboxOptions {
  switch (job) {
    case 'export':
      return { organizations: SIZES.exportOrgs };
    case 'delete':
      // The v1 bulk delete is out of support since 2026-08-01: per-ID deletes are the path that
      // matters, and they put every fault on many requests. The vanishing-endpoint cells turn v1 on.
      return { organizations: SIZES.deleteOrgs, bulkDeleteEnabled: false };
    default:
      return {};
  }
}

const ORGS_LIST = /^\/api\/v2\/organizations$/;
const ORG_ONE = /^\/api\/v2\/organizations\/\d+$/;

/** The requests that do a job's work, where a cell aims its faults. */
export function workRequest(job: MatrixJob): (method: string, path: string) => boolean {
  switch (job) {
    case 'import create':
      return (m, p) => m === 'POST' && ORGS_LIST.test(p);
    case 'import upsert':
      return (m, p) => (m === 'POST' && ORGS_LIST.test(p)) || (m === 'PATCH' && ORG_ONE.test(p));
    case 'export':
      return (m, p) => m === 'GET' && ORGS_LIST.test(p);
    case 'delete':
      return (m, p) => m === 'DELETE' && (ORG_ONE.test(p) || p === '/v1/organizations');
  }
}

const rowName = (i: number): string => `Fault row ${i + 1}`;
const employees = (i: number): number => 100 + i;

/** Seeds the cell (when the job needs it) and specifies the job. */
export async function prepareJob(cell: Cell, job: MatrixJob): Promise<PreparedJob> {
  switch (job) {
    case 'import create':
    case 'import upsert':
      return prepareImport(cell, job === 'import upsert');
    case 'export':
      return prepareExport(cell);
    case 'delete':
      return prepareDelete(
        cell,
        Array.from({ length: SIZES.deleteIds }, (_, i) => i + 11),
      );
  }
}

/**
 * A delete of `ids` (which must exist in the cell's sandbox). `readBackup: false` only checks the
 * backup is there: reading a 1,000-row XLSX back costs seconds the matrix does not have.
 */
export function prepareDelete(cell: Cell, ids: ReadonlyArray<number>, readBackup = true): PreparedJob {
  const before = new Set(cell.sandbox.control.organizations().map((o) => o.id));
  const names = new Map(cell.sandbox.control.organizations().map((o) => [o.id, o.name]));
  return {
    kind: 'delete',
    spec: { ids: [...ids], confirmedCount: ids.length },
    rows: ids.length,
    async verify(final) {
      expect(final).toMatchObject({
        state: 'done',
        counts: { deleted: ids.length, notFound: 0, skipped: 0, failed: 0 },
      });
      const all = cell.sandbox.control.organizations({ includeDeleted: true });
      const deleted = all.filter((o) => o.is_deleted).map((o) => o.id);
      expect(deleted).toEqual([...ids].sort((a, b) => a - b));
      const gone = new Set(ids);
      expect(all.filter((o) => !o.is_deleted).map((o) => o.id)).toEqual(
        [...before].filter((id) => !gone.has(id)),
      );
      const report = await readCsv(reportOf(final, REPORT_LABELS.csv), true);
      expect(report.map((r) => [Number(r.ID), r.Result])).toEqual(ids.map((id) => [id, 'deleted']));
      // The backup holds exactly the organizations deleted, by ID and name.
      if (!readBackup) {
        expect((await stat(reportOf(final, BACKUP_LABEL))).size).toBeGreaterThan(0);
        return;
      }
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(reportOf(final, BACKUP_LABEL));
      const sheet = book.worksheets[0];
      const backedUp: Array<[number, string]> = [];
      sheet?.eachRow((row, n) => {
        if (n > 1) backedUp.push([Number(row.getCell(1).value), String(row.getCell(2).value)]);
      });
      expect(backedUp).toEqual(ids.map((id) => [id, names.get(id)]));
    },
  };
}

async function prepareImport(cell: Cell, upsert: boolean): Promise<PreparedJob> {
  const n = SIZES.import;
  const existing = upsert ? n / 2 : 0;
  if (existing > 0) {
    cell.sandbox.control.addOrganizations(
      Array.from({ length: existing }, (_, i) => ({ name: rowName(i), employee_count: i })),
    );
  }
  const file = path.join(cell.dir, 'rows.csv');
  const lines = [
    ['Name', 'Number of employees'],
    ...Array.from({ length: n }, (_, i) => [rowName(i), employees(i)]),
  ];
  await writeFile(
    file,
    Papa.unparse(
      lines.map((l) => l.map(String)),
      { newline: '\r\n' },
    ) + '\r\n',
    'utf8',
  );
  const spec = await importSpec(cell, file, upsert);
  return {
    kind: 'import',
    spec,
    rows: n,
    async verify(final) {
      expect(final).toMatchObject({
        state: 'done',
        counts: { created: n - existing, updated: existing, failed: 0, skipped: 0 },
      });
      // The sandbox holds each row exactly once, with the row's values.
      const orgs = cell.sandbox.control.organizations();
      expect(orgs.map((o) => o.name).sort()).toEqual(Array.from({ length: n }, (_, i) => rowName(i)).sort());
      const byName = new Map(orgs.map((o) => [o.name, o]));
      for (let i = 0; i < n; i++) expect(byName.get(rowName(i))?.employee_count).toBe(employees(i));
      // The succeeded-rows report names every row once, with the ID it has in the sandbox.
      const succeeded = (await readCsv(reportOf(final, 'Succeeded rows'), false)).slice(1);
      expect(succeeded).toHaveLength(n);
      expect(new Set(succeeded.map((r) => r[0])).size).toBe(n);
      for (const [name, , id] of succeeded) expect(byName.get(name ?? '')?.id).toBe(Number(id));
      expect(final.reports.some((r) => r.label === 'Failed rows')).toBe(false);
    },
  };
}

/** The spec of an import of `file` with the proposed mapping: create, or upsert matched by name. */
export async function importSpec(cell: Cell, file: string, upsert: boolean): Promise<unknown> {
  // A separate identity reads the catalog, so the job's own figures start clean.
  const reader = new PipedriveClient({
    baseUrl: cell.sandbox.url,
    auth: { kind: 'token', token: 'spec-reader' },
  });
  const session = await openImport(file, {
    catalog: { fields: await reader.listOrganizationFields(), users: await reader.listUsers() },
  });
  try {
    return await buildImportSpec(session, {
      mode: upsert ? 'upsert' : 'create',
      ...(upsert ? { match: { kind: 'field', key: 'name' } } : {}),
      mapping: session.proposedMapping,
    });
  } finally {
    await closeImport(session);
  }
}

function prepareExport(cell: Cell): PreparedJob {
  const out = path.join(cell.dir, 'export.csv');
  const orgs = cell.sandbox.control.organizations();
  return {
    kind: 'export',
    spec: { out, format: 'csv', fields: ['name'] },
    rows: orgs.length,
    async verify(final) {
      expect(final).toMatchObject({ state: 'done', counts: { pages: 3, rows: orgs.length } });
      expect(reportOf(final, 'Exported file')).toBe(out);
      const rows = (await readCsv(out, false)).slice(1);
      // Every organization once, in order, with its name: no page lost or read twice.
      expect(rows.map((r) => [Number(r[0]), r[1]])).toEqual(
        orgs.map((o) => [o.id, toCsvCell(o.name, 'text')]),
      );
    },
  };
}

function reportOf(summary: JobSummary, label: string): string {
  const report = summary.reports.find((r) => r.label === label);
  if (!report)
    throw new Error(`no report "${label}" among ${summary.reports.map((r) => r.label).join(', ')}`);
  return report.path;
}

async function readCsv(file: string, header: true): Promise<Array<Record<string, string>>>;
async function readCsv(file: string, header: false): Promise<string[][]>;
async function readCsv(file: string, header: boolean): Promise<unknown[]> {
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  return Papa.parse(text, { header, skipEmptyLines: true }).data;
}
