// One measured export in a fresh process: `orgport` (the real export path) or the baseline (plain
// fetch paging + exceljs streaming writer / papaparse, no governor, no readable values).
import { createWriteStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Organization } from '../../shared/model.ts';
import { PipedriveClient } from '../../electron/engine/pipedrive/index.ts';
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
  const flat = (org: Organization): unknown[] => [
    org.id,
    org.name,
    org.owner_id,
    org.visible_to,
    org.label_ids.join(';'),
    org.address?.formatted_address ?? org.address?.value ?? null,
    org.add_time,
    org.update_time,
    ...Object.values(org.custom_fields).map((v) =>
      v !== null && typeof v === 'object' ? JSON.stringify(v) : v,
    ),
  ];
  const xlsx =
    format === 'xlsx'
      ? new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: false })
      : null;
  const sheet = xlsx?.addWorksheet('Organizations');
  const csv = format === 'csv' ? createWriteStream(out) : null;
  let cursor: string | null = null;
  do {
    const query: string = `limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await fetch(`${url}/api/v2/organizations?${query}`, { headers: { 'x-api-token': 'bench' } });
    const json = (await res.json()) as {
      data: Organization[];
      additional_data: { next_cursor: string | null };
    };
    const page = json.data.map(flat);
    if (sheet) for (const row of page) sheet.addRow(row).commit();
    if (csv && !csv.write(Papa.unparse(page as unknown[][]) + '\r\n'))
      await new Promise((r) => csv.once('drain', r));
    rows += page.length;
    cursor = json.additional_data.next_cursor;
  } while (cursor);
  if (xlsx) {
    sheet?.commit();
    await xlsx.commit();
  }
  if (csv) await new Promise<void>((resolve) => csv.end(() => resolve()));
}

console.log(JSON.stringify({ rows, ms: Math.round(performance.now() - started), peakRssMb: peakRssMb() }));
