// `npm run bench -- export`: the export's speed and memory against a baseline measured in the same run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { printTable, runChild, startChild } from './bench-util.ts';

interface Measure {
  rows: number;
  ms: number;
  peakRssMb: number;
}

/** Runs the export benchmark and prints its table. */
export async function run(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'orgport-bench-export-'));
  const big = await startChild<{ url: string }>('./sandbox-child.ts', ['100000']);
  const small = await startChild<{ url: string }>('./sandbox-child.ts', ['10000']);
  try {
    const table: Array<Array<string | number>> = [
      ['format', 'rows', 'baseline s', 'orgport s', 'time ratio', 'baseline RSS MB', 'orgport RSS MB'],
    ];
    const rss: Record<string, { small: number; big: number; baseSmall: number; baseBig: number }> = {};
    for (const format of ['xlsx', 'csv'] as const) {
      const out = (name: string): string => path.join(dir, `${name}.${format}`);
      const base = await runChild<Measure>('./export-child.ts', [
        'baseline',
        format,
        big.ready.url,
        out('baseline'),
      ]);
      const ours = await runChild<Measure>('./export-child.ts', [
        'orgport',
        format,
        big.ready.url,
        out('orgport'),
      ]);
      const ours10k = await runChild<Measure>('./export-child.ts', [
        'orgport',
        format,
        small.ready.url,
        out('orgport10k'),
      ]);
      const base10k = await runChild<Measure>('./export-child.ts', [
        'baseline',
        format,
        small.ready.url,
        out('baseline10k'),
      ]);
      rss[format] = {
        small: ours10k.peakRssMb,
        big: ours.peakRssMb,
        baseSmall: base10k.peakRssMb,
        baseBig: base.peakRssMb,
      };
      table.push([
        format,
        ours.rows,
        (base.ms / 1000).toFixed(1),
        (ours.ms / 1000).toFixed(1),
        (ours.ms / base.ms).toFixed(2),
        base.peakRssMb,
        ours.peakRssMb,
      ]);
    }
    printTable(table);
    console.log('');
    printTable([
      [
        'format',
        'orgport RSS at 10k MB',
        'at 100k MB',
        'growth',
        'baseline at 10k MB',
        'at 100k MB',
        'growth',
      ],
      ...Object.entries(rss).map(([format, r]) => [
        format,
        r.small,
        r.big,
        (r.big / r.small).toFixed(2),
        r.baseSmall,
        r.baseBig,
        (r.baseBig / r.baseSmall).toFixed(2),
      ]),
    ]);
    console.log('\nTargets: time ratio <= 1.5, peak RSS <= 300 MB, growth 10k -> 100k <= 1.2');
  } finally {
    big.stop();
    small.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
