// One measured export in a fresh process: `orgport` (the real export path) or the baseline.
import { createWriteStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { buildExportColumns, createExportContext } from '../../shared/export/index.ts';
import type { OrgField, Organization, PipedriveUser } from '../../shared/model.ts';
import { normalizeOrgFields, PipedriveClient } from '../../electron/engine/pipedrive/index.ts';
import { writeOrganizationsFile } from '../../electron/engine/jobs/export/write-organizations.ts';
import { peakRssMb } from './bench-util.ts';

const [mode, format, url, out] = process.argv.slice(2) as [
  'orgport' | 'baseline',
  'xlsx' | 'csv',
  string,
  string,
];
const started = performance.now();
let rows = 0;

if (mode === 'orgport') {
  const client = new PipedriveClient({ baseUrl: url, auth: { kind: 'token', token: 'bench' } });
  const result = await writeOrganizationsFile({
    client,
    spec: { out, format },
    account: 'bench',
    signal: new AbortController().signal,
  });
  rows = result.rows;
} else {
  // The same rows (same columns, same readable values), fetched with plain fetch and written straight
  // to exceljs's streaming writer (no styles) or papaparse: what Orgport adds is measured against this.
  const columns = buildExportColumns(await fieldsOf(url));
  const context = createExportContext(await usersOf(url));
  const xlsx =
    format === 'xlsx'
      ? new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: false })
      : null;
  const sheet = xlsx?.addWorksheet('Organizations');
  const csv = format === 'csv' ? createWriteStream(out) : null;
  sheet?.addRow(columns.map((c) => c.header)).commit();
  csv?.write(Papa.unparse([columns.map((c) => c.header)]) + '\r\n');
  let cursor: string | null = null;
  do {
    const query: string = `limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const json = (await get(url, `/api/v2/organizations?${query}`)) as {
      data: Organization[];
      additional_data: { next_cursor: string | null };
    };
    const page = json.data.map((org) => columns.map((c) => c.extract(org, context)));
    if (sheet) for (const row of page) sheet.addRow(row).commit();
    if (csv && !csv.write(Papa.unparse(page) + '\r\n'))
      await new Promise<void>((resolve) => csv.once('drain', () => resolve()));
    rows += page.length;
    cursor = json.additional_data.next_cursor;
  } while (cursor);
  if (xlsx) {
    sheet?.commit();
    await xlsx.commit();
  }
  if (csv) await new Promise<void>((resolve) => csv.end(() => resolve()));
}

async function get(base: string, pathAndQuery: string): Promise<unknown> {
  const res = await fetch(`${base}${pathAndQuery}`, { headers: { 'x-api-token': 'bench' } });
  return res.json();
}

async function fieldsOf(base: string): Promise<OrgField[]> {
  const fields: OrgField[] = [];
  let cursor: string | null = null;
  do {
    const json = (await get(
      base,
      `/api/v2/organizationFields?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
    )) as {
      data: unknown[];
      additional_data?: { next_cursor?: string | null };
    };
    fields.push(...normalizeOrgFields(json.data));
    cursor = json.additional_data?.next_cursor ?? null;
  } while (cursor);
  return fields;
}

async function usersOf(base: string): Promise<PipedriveUser[]> {
  return ((await get(base, '/v1/users')) as { data: PipedriveUser[] }).data;
}

console.log(JSON.stringify({ rows, ms: Math.round(performance.now() - started), peakRssMb: peakRssMb() }));
