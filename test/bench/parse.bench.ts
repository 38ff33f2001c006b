// `npm run bench -- parse` (issue 5): read, map and validate a generated 100,000-row CSV and XLSX the
// way the import preview does (openImport: read every row, sample, auto-map; previewImport: convert and
// check every cell), against papaparse and exceljs reading the same files raw; then a 1,000,000-row
// CSV opened to its preview, with its peak memory. Each measurement runs in its own Node process, so
// its peak RSS is its own. Options: `--rows=N` (default 100000); `--runs=N` (default 5): the raw read
// and Orgport's are measured N times each, alternately, and the table shows the medians and the range
// of the N pairs' ratios (one pair alone can be off by half on these noisy 2-core machines: a process
// lands in a fast or a slow stretch of the host, and the same raw read takes 0.26 s or 0.42 s).
//
// What each side's clock covers. Raw: papaparse streaming the file (or exceljs's streaming reader
// walking every row), its module already loaded. Orgport: openImport (in the reading worker: detect,
// parse, copy every row to the row store, sample, and convert and plan every row for the first
// preview once the first rows have proposed the mapping; then auto-map) + previewImport under that
// proposed mapping in create mode (as the import screen's first preview), with the reading worker
// already started and its modules loaded (the engine pays that once, on the first file it opens; it
// is printed separately and, like the baseline's own module loading, left out of the clock) and the
// field catalog already fetched (the app has it cached).
// Both run in one process; the CPU columns are the process's user + system time over the same span,
// all threads counted, so the worker cannot hide work: a ratio of CPU times says what a ratio of wall
// times would on an idle single core.
import { createReadStream, createWriteStream, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { PipedriveUser } from '../../shared/model.ts';
import { sharedReadWorker } from '../../electron/engine/files/read/index.ts';
import {
  closeImport,
  openImport,
  previewImport,
  type ImportCatalog,
} from '../../electron/engine/import/index.ts';
import { startSandbox } from '../../electron/engine/sandbox/index.ts';
import { printTable, runChild } from './bench-util.ts';
import { generateParseFiles, readRawCsv, readRawXlsx } from './parse-readers.ts';

interface Measure {
  readonly rows: number;
  readonly ms: number;
  /** User + system CPU time of the process (every thread) over the measured span. */
  readonly cpuMs: number;
  readonly peakRssMb: number;
  readonly problems?: number;
  /** Time spent before the clock started (the reading worker's start), for the record. */
  readonly setupMs?: number;
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

/** The sandbox's fields and the bench users: what the app has cached when a file is dropped. */
async function benchCatalog(): Promise<ImportCatalog> {
  const sandbox = await startSandbox({ organizations: 0 });
  const fields = sandbox.control.fields();
  await sandbox.close();
  return { fields, users: benchUsers() };
}

/** Starts the reading worker and loads its modules (a tiny file read), as the app does at start. */
async function warmWorker(file: string): Promise<void> {
  const tiny = `${file}.warm.csv`;
  writeFileSync(tiny, 'Name,City\r\nAcme,Berlin\r\n');
  try {
    await sharedReadWorker().inspectFile(tiny);
  } finally {
    await rm(tiny, { force: true });
  }
}

/** What the import screen does with a file: open it (read, sample, auto-map), then preview every row. */
async function previewFile(
  file: string,
  catalog: ImportCatalog,
): Promise<{ rows: number; problems: number }> {
  const session = await openImport(file, { catalog });
  try {
    const preview = await previewImport(session, { mapping: session.proposedMapping, mode: 'create' });
    return { rows: preview.rows, problems: preview.problemRows };
  } finally {
    await closeImport(session);
  }
}

type Run = () => Promise<{ rows: number; problems: number }>;

/** Each task sets up (outside the clock) and returns what the clock measures. */
const CHILD_TASKS = {
  preview: async (file: string): Promise<Run> => {
    const catalog = await benchCatalog();
    await warmWorker(file);
    return () => previewFile(file, catalog);
  },
  'raw-csv':
    async (file: string): Promise<Run> =>
    async () => ({ rows: await readRawCsv(file), problems: 0 }),
  'raw-xlsx':
    async (file: string): Promise<Run> =>
    async () => ({
      rows: await readRawXlsx(file),
      problems: 0,
    }),
} satisfies Record<string, (file: string) => Promise<Run>>;

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

function median(values: ReadonlyArray<number>): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The lowest and highest of the pairs' ratios, as "1.52–1.91". */
function ratioRange(ours: ReadonlyArray<number>, base: ReadonlyArray<number>): string {
  const ratios = ours.map((value, i) => value / (base[i] ?? 1));
  return `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
}

/** Runs the parse benchmark and prints its table. */
export async function run(args: ReadonlyArray<string> = []): Promise<void> {
  const rows = Number(option(args, 'rows') ?? 100_000);
  const runs = Math.max(1, Number(option(args, 'runs') ?? 5));
  const files = await generateParseFiles(rows);
  const child = (task: keyof typeof CHILD_TASKS, file: string): Promise<Measure> =>
    runChild<Measure>('./parse.bench.ts', ['--child', task, file]);
  try {
    const table: Array<Array<string | number>> = [
      [
        'file',
        'rows',
        'raw s',
        'orgport preview s',
        'ratio',
        'raw CPU s',
        'orgport CPU s',
        'CPU ratio',
        "pairs' CPU ratios",
        'raw peak RSS MB',
        'orgport peak RSS MB',
      ],
    ];
    for (const [format, file, raw] of [
      ['csv', files.csv, 'raw-csv'],
      ['xlsx', files.xlsx, 'raw-xlsx'],
    ] as const) {
      const base: Measure[] = [];
      const ours: Measure[] = [];
      for (let i = 0; i < runs; i++) {
        base.push(await child(raw, file));
        ours.push(await child('preview', file));
      }
      const ms = (list: Measure[]): number => median(list.map((m) => m.ms));
      const cpu = (list: Measure[]): number => median(list.map((m) => m.cpuMs));
      table.push([
        format,
        ours[0]?.rows ?? 0,
        (ms(base) / 1000).toFixed(2),
        (ms(ours) / 1000).toFixed(2),
        (ms(ours) / ms(base)).toFixed(2),
        (cpu(base) / 1000).toFixed(2),
        (cpu(ours) / 1000).toFixed(2),
        (cpu(ours) / cpu(base)).toFixed(2),
        ratioRange(
          ours.map((m) => m.cpuMs),
          base.map((m) => m.cpuMs),
        ),
        Math.max(...base.map((m) => m.peakRssMb)),
        Math.max(...ours.map((m) => m.peakRssMb)),
      ]);
    }
    printTable(table);
    const million = path.join(files.dir, 'orgs-million.csv');
    await repeatCsv(files.csv, million, Math.ceil(1_000_000 / rows));
    const big = await child('preview', million);
    console.log(
      `\n${big.rows.toLocaleString('en-US')}-row CSV opened to its preview in ${(big.ms / 1000).toFixed(1)} s, ` +
        `peak RSS ${big.peakRssMb} MB (CPU ${(big.cpuMs / 1000).toFixed(1)} s; reading worker started in ` +
        `${big.setupMs ?? 0} ms before the clock).`,
    );
    console.log(
      `Times are medians of ${runs} alternated runs per side, each a fresh process (peak RSS: the highest).`,
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
  const setupStart = performance.now();
  const measured = await fn(file);
  const setupMs = Math.round(performance.now() - setupStart);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await measured();
  const ms = Math.round(performance.now() - start);
  const used = process.cpuUsage(cpu);
  const cpuMs = Math.round((used.user + used.system) / 1000);
  process.stdout.write(
    JSON.stringify({
      ...result,
      ms,
      cpuMs,
      setupMs,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }) + '\n',
  );
}
