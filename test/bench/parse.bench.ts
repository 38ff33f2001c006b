// `npm run bench -- parse` (issue 5): read, map and validate a generated 100,000-row CSV and XLSX the
// way the import preview does (openImport: read every row, sample, auto-map; previewImport: convert and
// check every cell), against papaparse and exceljs reading the same files raw; then a 1,000,000-row
// CSV opened to its preview, with its peak memory. Each measurement runs in its own Node process, so
// its peak RSS is its own. Option: `--rows=N` (default 100000).
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { PipedriveUser } from '../../shared/model.ts';
import { closeImport, openImport, previewImport } from '../../electron/engine/import/index.ts';
import { startSandbox } from '../../electron/engine/sandbox/index.ts';
import { printTable, runChild } from './bench-util.ts';
import { generateParseFiles, readRawCsv, readRawXlsx } from './parse-readers.ts';

interface Measure {
  readonly rows: number;
  readonly ms: number;
  readonly peakRssMb: number;
  readonly problems?: number;
}

/** The generated rows' owners (owner0..39@example.test) as users, so owners convert rather than fail. */
function benchUsers(): PipedriveUser[] {
  return Array.from({ length: 40 }, (_, i) => ({
    id: i + 1,
    name: `Owner ${i}`,
    email: `owner${i}@example.test`,
    active_flag: true,
  }));
}

/** What the import screen does with a file: open it (read, sample, auto-map), then preview every row. */
async function previewFile(file: string): Promise<{ rows: number; problems: number }> {
  const sandbox = await startSandbox({ organizations: 0 });
  const fields = sandbox.control.fields();
  await sandbox.close();
  const session = await openImport(file, { catalog: { fields, users: benchUsers() } });
  try {
    const preview = await previewImport(session, { mapping: session.proposedMapping, mode: 'create' });
    return { rows: preview.rows, problems: preview.problemRows };
  } finally {
    await closeImport(session);
  }
}

const CHILD_TASKS = {
  preview: previewFile,
  'raw-csv': async (file: string) => ({ rows: await readRawCsv(file), problems: 0 }),
  'raw-xlsx': async (file: string) => ({ rows: await readRawXlsx(file), problems: 0 }),
} satisfies Record<string, (file: string) => Promise<{ rows: number; problems: number }>>;

/** Writes a CSV of `copies` times the data rows of `source` (its header once). */
async function repeatCsv(source: string, target: string, copies: number): Promise<void> {
  const lines: string[] = [];
  for await (const line of createInterface({
    input: createReadStream(source, 'utf8'),
    crlfDelay: Infinity,
  })) {
    lines.push(line);
  }
  const [header, ...body] = lines;
  const out = createWriteStream(target);
  const write = (text: string): Promise<void> =>
    out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once('drain', () => resolve()));
  await write(`${header ?? ''}\r\n`);
  // Quoted fields with line breaks span two physical lines; joining them back keeps records whole.
  const records = body.join('\r\n');
  for (let i = 0; i < copies; i++) await write(`${records}\r\n`);
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

function option(args: ReadonlyArray<string>, key: string): string | undefined {
  return args.find((a) => a.startsWith(`--${key}=`))?.slice(key.length + 3);
}

/** Runs the parse benchmark and prints its table. */
export async function run(args: ReadonlyArray<string> = []): Promise<void> {
  const rows = Number(option(args, 'rows') ?? 100_000);
  const files = await generateParseFiles(rows);
  const child = (task: keyof typeof CHILD_TASKS, file: string): Promise<Measure> =>
    runChild<Measure>('./parse.bench.ts', ['--child', task, file]);
  try {
    const table: Array<Array<string | number>> = [
      ['file', 'rows', 'raw s', 'orgport preview s', 'ratio', 'raw peak RSS MB', 'orgport peak RSS MB'],
    ];
    for (const [format, file, raw] of [
      ['csv', files.csv, 'raw-csv'],
      ['xlsx', files.xlsx, 'raw-xlsx'],
    ] as const) {
      const base = await child(raw, file);
      const ours = await child('preview', file);
      table.push([
        format,
        ours.rows,
        (base.ms / 1000).toFixed(2),
        (ours.ms / 1000).toFixed(2),
        (ours.ms / base.ms).toFixed(2),
        base.peakRssMb,
        ours.peakRssMb,
      ]);
    }
    printTable(table);
    const million = path.join(files.dir, 'orgs-million.csv');
    await repeatCsv(files.csv, million, Math.ceil(1_000_000 / rows));
    const big = await child('preview', million);
    console.log(
      `\n${big.rows.toLocaleString('en-US')}-row CSV opened to its preview in ${(big.ms / 1000).toFixed(1)} s, ` +
        `peak RSS ${big.peakRssMb} MB.`,
    );
    console.log(
      'Target: read + map + validate <= 2x the raw read; the million-row file opens without running out of memory.',
    );
  } finally {
    await rm(files.dir, { recursive: true, force: true });
  }
}

// Child mode: `node --import tsx parse.bench.ts --child <task> <file>` prints one JSON line.
if (
  process.argv[2] === '--child' &&
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  const [, , , task, file] = process.argv;
  const fn = Object.entries(CHILD_TASKS).find(([key]) => key === task)?.[1];
  if (!fn || file === undefined)
    throw new Error(`usage: --child <${Object.keys(CHILD_TASKS).join('|')}> <file>`);
  const start = performance.now();
  const result = await fn(file);
  const ms = Math.round(performance.now() - start);
  process.stdout.write(
    JSON.stringify({ ...result, ms, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n',
  );
}
