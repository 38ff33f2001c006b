/**
 * The reader half of `npm run bench -- parse`: generate a large CSV and XLSX, read them with
 * Orgport's readers, and read the same files raw with papaparse and exceljs's streaming reader as
 * the baseline. parse.bench.ts (the command) adds mapping and validation and prints the table.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { inspectFile, readRows } from '../../electron/engine/files/read/index.ts';

/** One measured read. */
export interface ReadTiming {
  readonly label: string;
  /** Data rows read (raw readers count the header row too). */
  readonly rows: number;
  readonly ms: number;
  /** Highest resident set size sampled during the read, in MB. */
  readonly peakRssMb: number;
}

/** Paths of the generated files. */
export interface ParseBenchFiles {
  readonly dir: string;
  readonly csv: string;
  readonly xlsx: string;
}

const INDUSTRIES = ['Software', 'Retail', 'Banking', 'Logistics', 'Health care'];
const CITIES = ['Berlin', 'São Paulo', 'Zürich', 'Łódź', 'Montréal', 'New York'];

/** One organization-like row: text with accents and quotes, phone numbers, amounts, dates. */
function sampleRow(i: number): Array<string | number | Date> {
  return [
    `Company ${i} "${INDUSTRIES[i % 5]}", GmbH`,
    `owner${i % 40}@example.test`,
    `+49 30 ${String(1_000_000 + i).slice(-7)}`,
    `https://company${i}.example.test`,
    `${(i % 200) + 1} Main Street`,
    CITIES[i % CITIES.length] ?? '',
    String(i % 100_000).padStart(5, '0'),
    (i * 37.25) % 1_000_000,
    new Date(Date.UTC(2020 + (i % 5), i % 12, (i % 28) + 1)),
    i % 9 === 0 ? 'Multi-line note\nsecond line' : `Note ${i}`,
  ];
}

const HEADER = ['Name', 'Owner', 'Phone', 'Website', 'Street', 'City', 'ZIP', 'Revenue', 'Created', 'Notes'];

/** Writes `rows` data rows as CSV (UTF-8 with BOM, like our export) and as XLSX (streaming writer). */
export async function generateParseFiles(rows = 100_000, dir?: string): Promise<ParseBenchFiles> {
  const target = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'orgport-bench-parse-'));
  const csv = path.join(target, `orgs-${rows}.csv`);
  const xlsx = path.join(target, `orgs-${rows}.xlsx`);
  const out = fs.createWriteStream(csv);
  const write = (text: string): Promise<void> =>
    out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once('drain', () => resolve()));
  await write('\uFEFF' + HEADER.join(',') + '\r\n');
  for (let i = 1; i <= rows; i++) {
    const cells = sampleRow(i).map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : String(c)));
    await write(Papa.unparse([cells], { newline: '\r\n' }) + '\r\n');
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );

  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: xlsx,
    useSharedStrings: true,
    useStyles: true,
  });
  const ws = wb.addWorksheet('Organizations');
  ws.addRow(HEADER).commit();
  for (let i = 1; i <= rows; i++) {
    const row = ws.addRow(sampleRow(i));
    row.getCell(9).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  ws.commit();
  await wb.commit();
  return { dir: target, csv, xlsx };
}

/** Runs `read` while sampling the resident set size. */
export async function measure(label: string, read: () => Promise<number>): Promise<ReadTiming> {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const start = performance.now();
  try {
    const rows = await read();
    const ms = performance.now() - start;
    peak = Math.max(peak, process.memoryUsage.rss());
    return { label, rows, ms: Math.round(ms), peakRssMb: Math.round(peak / (1024 * 1024)) };
  } finally {
    clearInterval(sampler);
  }
}

/** Reads every data row with Orgport's reader (detection, decoding, alignment included). */
export async function readWithOrgport(file: string): Promise<number> {
  let rows = 0;
  for await (const _row of readRows(file)) rows++;
  return rows;
}

/** Opens a file to its preview (`inspectFile`) and returns the data-row count it reports. */
export async function inspectWithOrgport(file: string): Promise<number> {
  return (await inspectFile(file)).dataRows.count;
}

/** Baseline: papaparse streaming the file, nothing else. */
export function readRawCsv(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    Papa.parse(fs.createReadStream(file, 'utf8'), {
      step: () => {
        rows++;
      },
      complete: () => resolve(rows),
      error: (error: unknown) => reject(error),
    });
  });
}

/** Baseline: exceljs's streaming reader walking every row, nothing else. */
export async function readRawXlsx(file: string): Promise<number> {
  let rows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache' });
  for await (const sheet of reader) {
    for await (const _row of sheet) rows++;
  }
  return rows;
}

/** The readers a child process can run. */
export const READERS = {
  'orgport-read': readWithOrgport,
  'orgport-inspect': inspectWithOrgport,
  'raw-csv': readRawCsv,
  'raw-xlsx': readRawXlsx,
} satisfies Record<string, (file: string) => Promise<number>>;

/** Name of one of {@link READERS}. */
export type ReaderName = keyof typeof READERS;

/**
 * Measures one reader in a fresh Node process, so its peak RSS is its own (the process's maxRSS)
 * and not the generator's or an earlier reader's.
 */
export async function measureInChild(label: string, reader: ReaderName, file: string): Promise<ReadTiming> {
  const script = fileURLToPath(import.meta.url);
  const { stdout } = await promisify(execFile)(process.execPath, [
    '--import',
    'tsx',
    script,
    '--child',
    reader,
    file,
  ]);
  const result: { rows: number; ms: number; peakRssMb: number } = JSON.parse(stdout);
  return { label, ...result };
}

/** The whole reader benchmark: generate, then baseline and Orgport for each format, each in its own process. */
export async function runParseReaderBench(
  rows = 100_000,
): Promise<{ files: ParseBenchFiles; timings: ReadTiming[] }> {
  const files = await generateParseFiles(rows);
  const timings: ReadTiming[] = [];
  timings.push(await measureInChild('csv: papaparse stream (baseline)', 'raw-csv', files.csv));
  timings.push(await measureInChild('csv: orgport readRows', 'orgport-read', files.csv));
  timings.push(await measureInChild('csv: orgport inspectFile (preview)', 'orgport-inspect', files.csv));
  timings.push(await measureInChild('xlsx: exceljs stream (baseline)', 'raw-xlsx', files.xlsx));
  timings.push(await measureInChild('xlsx: orgport readRows', 'orgport-read', files.xlsx));
  timings.push(await measureInChild('xlsx: orgport inspectFile (preview)', 'orgport-inspect', files.xlsx));
  return { files, timings };
}

// Child mode: `node --import tsx parse-readers.ts --child <reader> <file>` prints one JSON result.
if (
  process.argv[2] === '--child' &&
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  const [, , , name, file] = process.argv;
  const reader = Object.entries(READERS).find(([key]) => key === name)?.[1];
  if (!reader || file === undefined)
    throw new Error(`usage: --child <${Object.keys(READERS).join('|')}> <file>`);
  const start = performance.now();
  const rows = await reader(file);
  const ms = Math.round(performance.now() - start);
  process.stdout.write(
    JSON.stringify({ rows, ms, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }),
  );
}
