// `npm run bench -- soak` (issue 8): a 50,000-row import against a sandbox with faults (1 % each of
// 5xx, reset connections and answers lost after the create was applied) and a burst limit high enough
// to finish in minutes, with RSS and heap sampled every second over the whole run. It reports whether
// memory is stable (slopes over the second half of the run; peak against the level after warm-up),
// the throughput, and — checked in the sandbox itself — zero lost and zero duplicated rows.
// Options: `--rows=N` (default 50000), `--burst=N` (per 2 s, default 400), `--upsert` (then re-import
// the same rows as an upsert by name, which updates every one).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SandboxOptions } from '../../electron/engine/sandbox/index.ts';
import { printTable, runChild } from './bench-util.ts';
import type { SoakSample } from './soak-child.ts';

interface SoakRun {
  state: string;
  counts: Record<string, number>;
  tokensSpent: number;
  seconds: number;
  peakRssMb: number;
  samples: SoakSample[];
}

interface Check {
  lost: number;
  duplicated: number;
  stats: {
    requests: number;
    serverErrors: number;
    dropped: number;
    lostResponses: number;
    rateLimited: number;
  };
}

/** The sandbox child, kept running; `check` asks it to count lost and duplicated rows. */
async function startSandboxChild(
  options: SandboxOptions,
): Promise<{ url: string; check(rows: number, offset: number): Promise<Check>; stop(): void }> {
  const file = fileURLToPath(new URL('soak-sandbox-child.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', file, JSON.stringify(options)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting: Array<(line: string) => void> = [];
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line.startsWith('{')) waiting.shift()?.(line);
    }
  });
  const nextLine = (): Promise<string> => new Promise((resolve) => waiting.push(resolve));
  const ready = JSON.parse(await nextLine()) as { url: string };
  return {
    url: ready.url,
    async check(rows, offset) {
      const answer = nextLine();
      child.stdin.write(`check ${rows} ${offset}\n`);
      return JSON.parse(await answer) as Check;
    },
    stop: () => child.kill('SIGTERM'),
  };
}

/** Least-squares slope of `y` over `t`, per minute. */
function slopePerMinute(points: ReadonlyArray<{ t: number; y: number }>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mt = points.reduce((s, p) => s + p.t, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.t - mt) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.t - mt) ** 2, 0);
  return den === 0 ? 0 : (num / den) * 60;
}

/** Memory figures of one run: warm-up is the first 10 % (at least 10 s), the second half is judged. */
function memory(samples: ReadonlyArray<SoakSample>): Record<string, number> {
  const end = samples.at(-1)?.t ?? 0;
  const warm = samples.filter((s) => s.t >= Math.max(10, end * 0.1));
  const half = samples.filter((s) => s.t >= end / 2);
  const afterWarmup = warm[0] ?? samples[0];
  return {
    rssAfterWarmup: afterWarmup?.rss ?? 0,
    rssPeak: Math.max(...warm.map((s) => s.rss)),
    rssEnd: samples.at(-1)?.rss ?? 0,
    rssSlope: slopePerMinute(half.map((s) => ({ t: s.t, y: s.rss }))),
    heapAfterWarmup: afterWarmup?.heap ?? 0,
    heapPeak: Math.max(...warm.map((s) => s.heap)),
    heapEnd: samples.at(-1)?.heap ?? 0,
    heapSlope: slopePerMinute(half.map((s) => ({ t: s.t, y: s.heap }))),
  };
}

const option = (args: ReadonlyArray<string>, name: string): string | undefined =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

/** Runs the soak. */
export async function run(args: ReadonlyArray<string> = []): Promise<void> {
  const rows = Number(option(args, 'rows') ?? 50_000);
  const burst = Number(option(args, 'burst') ?? 400);
  const modes = args.includes('--upsert') ? (['create', 'upsert'] as const) : (['create'] as const);
  const sandbox = await startSandboxChild({
    organizations: 0,
    seed: 8,
    burst,
    dailyBudget: 100_000_000,
    serverErrorRate: 0.01,
    dropRate: 0.01,
    lostResponseRate: 0.01,
    requestLogLimit: 1000,
  });
  const table: Array<Array<string | number>> = [
    ['mode', 'rows', 'state', 'time', 'rows/s', 'requests', '5xx/reset/lost', '429s', 'lost', 'dup'],
  ];
  const timeline: Array<Array<string | number>> = [['mode', 'share of run', 't', 'RSS', 'heap']];
  const mem: Array<Array<string | number>> = [
    [
      'mode',
      'RSS after warm-up',
      'RSS peak',
      'RSS end',
      'RSS slope 2nd half',
      'heap after warm-up',
      'heap peak',
      'heap end',
      'heap slope 2nd half',
    ],
  ];
  try {
    let before = { requests: 0, serverErrors: 0, dropped: 0, lostResponses: 0, rateLimited: 0 };
    for (const mode of modes) {
      const offset = mode === 'create' ? 1000 : 2000;
      const result = await runChild<SoakRun>('soak-child.ts', [
        sandbox.url,
        String(rows),
        mode,
        String(offset),
      ]);
      const check = await sandbox.check(rows, offset);
      const s = check.stats;
      const faults = `${s.serverErrors - before.serverErrors}/${s.dropped - before.dropped}/${s.lostResponses - before.lostResponses}`;
      table.push([
        mode,
        rows,
        `${result.state} ${JSON.stringify(result.counts)}`,
        `${result.seconds.toFixed(0)} s`,
        (rows / result.seconds).toFixed(1),
        s.requests - before.requests,
        faults,
        s.rateLimited - before.rateLimited,
        check.lost,
        check.duplicated,
      ]);
      const m = memory(result.samples);
      mem.push([
        mode,
        `${m.rssAfterWarmup} MB`,
        `${m.rssPeak} MB`,
        `${m.rssEnd} MB`,
        `${m.rssSlope?.toFixed(2)} MB/min`,
        `${m.heapAfterWarmup} MB`,
        `${m.heapPeak} MB`,
        `${m.heapEnd} MB`,
        `${m.heapSlope?.toFixed(2)} MB/min`,
      ]);
      // Where in the run the memory went: one sample per tenth.
      for (let tenth = 0; tenth <= 10; tenth++) {
        const at =
          result.samples[
            Math.min(result.samples.length - 1, Math.round(((result.samples.length - 1) * tenth) / 10))
          ];
        if (at) timeline.push([mode, `${tenth * 10} %`, `${at.t} s`, `${at.rss} MB`, `${at.heap} MB`]);
      }
      console.error(`${mode} done: ${result.samples.length} memory samples, peak RSS ${result.peakRssMb} MB`);
      before = s;
    }
  } finally {
    sandbox.stop();
  }
  printTable(table);
  console.log('');
  printTable(mem);
  console.log('');
  printTable(timeline);
}
