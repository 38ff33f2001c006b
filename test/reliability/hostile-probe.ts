/**
 * Child-process side of the hostile-input suite: reads each case through the real entry points
 * (`inspectFile`, `readRows`, or the import session's `openImport`) and prints one JSON line per
 * case with its outcome, wall time and memory growth. It runs under `--max-old-space-size`, so an
 * unbounded allocation ends this process with an out-of-memory error the parent reports against the
 * case that was running, instead of swapping the machine.
 *
 * Usage: node --import tsx hostile-probe.ts CASES.json   (CASES.json: an array of {@link ProbeCase})
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { FileReadError, inspectFile, readRows } from '../../electron/engine/files/read/index.ts';
import type { ReadOptions } from '../../electron/engine/files/read/index.ts';
import { closeImport, openImport } from '../../electron/engine/import/session.ts';

/** One file to read, and how. */
export interface ProbeCase {
  readonly id: string;
  readonly path: string;
  /** `read`: inspectFile then readRows to the end; `import`: openImport (reads the whole file) then closeImport. */
  readonly via: 'read' | 'import';
  readonly options?: Omit<ReadOptions, 'signal'>;
  readonly tempDir?: string;
  /** Collect garbage before the case, for exact memory figures (costs tens of ms, so only for big cases). */
  readonly gc?: boolean;
}

/** What happened to one case. */
export interface ProbeResult {
  readonly id: string;
  /** `ok`: read to the end; `error`: a FileReadError; `crash`: anything else was thrown. */
  readonly outcome: 'ok' | 'error' | 'crash';
  readonly code?: string;
  readonly message?: string;
  readonly errorName?: string;
  readonly rows?: number;
  readonly columns?: number;
  readonly ms: number;
  /** Growth of the process's peak resident memory during the case, in MB (0 when an earlier case peaked higher). */
  readonly rssGrowthMb: number;
  /** Peak V8 heap + external memory seen by sampling during the case, above its start, in MB. */
  readonly heapGrowthMb: number;
}

const MB = 1024 * 1024;

async function runCase(c: ProbeCase): Promise<Omit<ProbeResult, 'ms' | 'rssGrowthMb' | 'heapGrowthMb'>> {
  try {
    if (c.via === 'import') {
      const session = await openImport(c.path, {
        catalog: { fields: [], users: [] },
        read: c.options ?? {},
        ...(c.tempDir === undefined ? {} : { tempDir: c.tempDir }),
      });
      const { rows, headers } = session.file;
      await closeImport(session);
      return { id: c.id, outcome: 'ok', rows, columns: headers.length };
    }
    const summary = await inspectFile(c.path, c.options ?? {});
    let rows = 0;
    for await (const _row of readRows(c.path, c.options ?? {})) rows++;
    return { id: c.id, outcome: 'ok', rows, columns: summary.headers.length };
  } catch (error) {
    if (error instanceof FileReadError) {
      return { id: c.id, outcome: 'error', code: error.code, message: error.message, errorName: error.name };
    }
    const e = error instanceof Error ? error : new Error(String(error));
    return { id: c.id, outcome: 'crash', message: e.stack ?? e.message, errorName: e.name };
  }
}

function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (file === undefined) throw new Error('usage: hostile-probe.ts CASES.json');
  const cases = JSON.parse(fs.readFileSync(file, 'utf8')) as ProbeCase[];
  for (const c of cases) {
    process.stdout.write(`${JSON.stringify({ start: c.id })}\n`);
    if (c.gc === true) globalThis.gc?.();
    const startUsed = used();
    let peak = startUsed;
    const sampler = setInterval(() => (peak = Math.max(peak, used())), 10);
    const startRss = process.resourceUsage().maxRSS * 1024;
    const t0 = performance.now();
    const result = await runCase(c);
    const ms = Math.round(performance.now() - t0);
    clearInterval(sampler);
    peak = Math.max(peak, used());
    const line: ProbeResult = {
      ...result,
      ms,
      rssGrowthMb: Math.round((process.resourceUsage().maxRSS * 1024 - startRss) / MB),
      heapGrowthMb: Math.round((peak - startUsed) / MB),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

await main();
