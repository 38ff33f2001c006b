import { describe, expect, it } from 'vitest';
import { createProgressReporter, formatDuration } from '../../../electron/cli/progress-reporter.ts';
import type { ImportProgress, JobSummary } from '../../../shared/jobs.ts';

function fakeStream(isTTY: boolean, columns = 200) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns, write: (text: string) => writes.push(text) } };
}

const progress = (current: number, extra: Partial<ImportProgress> = {}): ImportProgress => ({
  kind: 'import',
  phase: 'running',
  current,
  total: 10_000,
  rate: 820,
  etaSeconds: 7,
  tokensSpent: 130,
  title: 'Importing orgs.xlsx',
  counts: { created: current, updated: 0, unchanged: 0, failed: 0, skipped: 0 },
  ...extra,
});

const summary = (state: JobSummary['state'], extra: Partial<JobSummary> = {}): JobSummary =>
  ({
    id: '20261128-111706-ab12',
    kind: 'import',
    state,
    title: 'Importing orgs.xlsx',
    createdAt: '2026-11-28T11:17:06.000Z',
    updatedAt: '2026-11-28T11:20:00.000Z',
    counts: { created: 9990, updated: 0, unchanged: 0, failed: 10, skipped: 0 },
    current: 10_000,
    total: 10_000,
    tokensSpent: 50_000,
    reports: [],
    connection: 'Sandbox',
    ...extra,
  }) as JobSummary;

describe('progress reporter on a terminal', () => {
  it('redraws one bar line in place', () => {
    const { writes, stream } = fakeStream(true);
    const reporter = createProgressReporter({ stream });
    reporter.progress(progress(4500));
    expect(writes).toEqual([
      '\rImporting orgs.xlsx [#####-----] 45% 4,500/10,000 rows · 820 rows/s · ETA 7s · 130 tokens\x1b[K',
    ]);
    reporter.progress(progress(10_000, { etaSeconds: 0 }));
    expect(writes[1]).toContain('[##########] 100% 10,000/10,000 rows');
    expect(writes.join('')).not.toContain('\n');
  });

  it('shows an indeterminate bar when the total is unknown, and the unit of each phase', () => {
    const { writes, stream } = fakeStream(true);
    const reporter = createProgressReporter({ stream });
    reporter.progress(progress(1500, { phase: 'indexing', total: null, etaSeconds: null, rate: 0 }));
    expect(writes[0]).toBe('\rImporting orgs.xlsx [<=>       ] 1,500 organizations · 130 tokens\x1b[K');
    reporter.progress(progress(2000, { phase: 'indexing', total: null, etaSeconds: null, rate: 0 }));
    expect(writes[1]).toContain('[ <=>      ] 2,000 organizations');
  });

  it('puts messages on their own line and draws the bar again below them', () => {
    const { writes, stream } = fakeStream(true);
    const reporter = createProgressReporter({ stream });
    reporter.state(summary('running'));
    reporter.progress(progress(100));
    reporter.state(summary('paused'));
    expect(writes.slice(1)).toEqual([
      '\r\x1b[K',
      'Paused.\n',
      expect.stringMatching(/^\rImporting.*100\/10,000/),
    ]);
    reporter.state(summary('running'));
    expect(writes).toContain('Resumed.\n');
  });

  it('ends with the final bar, a newline and a closing line; later events are ignored', () => {
    const { writes, stream } = fakeStream(true);
    const reporter = createProgressReporter({ stream });
    reporter.progress(progress(10_000));
    reporter.state(summary('done'));
    expect(writes.slice(-2)).toEqual([
      '\n',
      'Done · 9,990 created, 0 updated, 0 unchanged, 0 skipped, 10 failed · 50,000 tokens\n',
    ]);
    const count = writes.length;
    reporter.progress(progress(10_000));
    expect(writes).toHaveLength(count);
  });

  it('keeps the line within the terminal width so redraws do not wrap', () => {
    const { writes, stream } = fakeStream(true, 40);
    createProgressReporter({ stream }).progress(progress(4500));
    const line = (writes[0] ?? '').replace('\r', '').replace('\x1b[K', '');
    expect(line.length).toBeLessThanOrEqual(39);
    expect(line.endsWith('…')).toBe(true);
  });
});

describe('progress reporter in a log', () => {
  it('writes a plain line every few seconds, at phase changes and at the end', () => {
    const { writes, stream } = fakeStream(false);
    let t = 0;
    const reporter = createProgressReporter({ stream, now: () => t });
    reporter.progress(progress(0, { phase: 'indexing', total: 3, rate: 0, etaSeconds: null }));
    t += 100;
    reporter.progress(progress(3, { phase: 'indexing', total: 3, rate: 0, etaSeconds: null }));
    reporter.progress(progress(0)); // phase change: printed at once
    for (let k = 1; k <= 100; k += 1) {
      t += 100; // 10 s of updates at 10/s
      reporter.progress(progress(k * 45));
    }
    reporter.state(
      summary('stopped', { stopReason: 'budget', error: { kind: 'budget', message: 'Budget used up.' } }),
    );

    expect(writes).toEqual([
      'Importing orgs.xlsx: 0/3 organizations (0%) · 130 tokens\n',
      'Importing orgs.xlsx: 0/10,000 rows (0%) · 820 rows/s · ETA 7s · 130 tokens\n',
      'Importing orgs.xlsx: 2,250/10,000 rows (22%) · 820 rows/s · ETA 7s · 130 tokens\n',
      'Importing orgs.xlsx: 4,500/10,000 rows (45%) · 820 rows/s · ETA 7s · 130 tokens\n',
      'Stopped: Budget used up. Resume it with: orgport resume 20261128-111706-ab12\n',
    ]);
    expect(writes.join('')).not.toContain('\r');
    expect(writes.join('')).not.toContain('\x1b');
  });

  it('prints the last progress at the end when it was held back, then the outcome', () => {
    const { writes, stream } = fakeStream(false);
    let t = 0;
    const reporter = createProgressReporter({ stream, now: () => t });
    reporter.progress(progress(0));
    t += 500;
    reporter.progress(progress(10_000));
    reporter.state(summary('failed', { error: { kind: 'unexpected', message: 'Unexpected error: boom' } }));
    expect(writes.slice(1)).toEqual([
      'Importing orgs.xlsx: 10,000/10,000 rows (100%) · 820 rows/s · ETA 7s · 130 tokens\n',
      'Failed: Unexpected error: boom\n',
    ]);
  });
});

describe('formatDuration', () => {
  it('reads naturally at every scale', () => {
    expect(formatDuration(7)).toBe('7s');
    expect(formatDuration(125)).toBe('2m 05s');
    expect(formatDuration(3720)).toBe('1h 02m');
  });
});
