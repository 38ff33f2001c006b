import { describe, expect, it } from 'vitest';
import { createProgressThrottle } from '../../../../electron/engine/jobs/core/progress-throttle.ts';
import type { ProgressUpdate, Scheduler } from '../../../../electron/engine/jobs/core/progress-throttle.ts';
import type { ExportProgress, JobState } from '../../../../shared/jobs.ts';

/** A fake clock and timer queue, and everything the throttle emitted, with the time it did. */
function harness() {
  let t = 0;
  const timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  const schedule: Scheduler = (fn, ms) => {
    const timer = { at: t + ms, fn, live: true };
    timers.push(timer);
    return () => {
      timer.live = false;
    };
  };
  const events: Array<{ at: number; progress: ExportProgress }> = [];
  const log: string[] = [];
  const throttle = createProgressThrottle<'export'>({
    now: () => t,
    schedule,
    onProgress: (progress) => {
      events.push({ at: t, progress });
      log.push(`progress ${progress.current}`);
    },
    onState: (state: JobState) => log.push(`state ${state}`),
  });
  const advance = (ms: number): void => {
    const end = t + ms;
    for (;;) {
      const due = timers.filter((timer) => timer.live && timer.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      t = due.at;
      due.live = false;
      due.fn();
    }
    t = end;
  };
  return { throttle, events, log, advance };
}

const update = (
  current: number,
  extra: Partial<ProgressUpdate<'export'>> = {},
): ProgressUpdate<'export'> => ({
  kind: 'export',
  phase: 'writing',
  current,
  total: 1000,
  counts: { pages: Math.floor(current / 500), rows: current },
  tokensSpent: Math.floor(current / 500) * 10,
  title: 'Exporting organizations',
  ...extra,
});

describe('progress throttle', () => {
  it('emits the first event at once and then at most one per 100 ms, the last one too', () => {
    const { throttle, events, advance } = harness();
    throttle.update(update(0));
    expect(events).toHaveLength(1);
    expect(events[0]?.progress.current).toBe(0);

    for (let k = 1; k <= 999; k += 1) {
      advance(2); // 500 updates a second for about 2 s
      throttle.update(update(k));
    }
    advance(200); // the held-back last update goes out on its timer
    expect(events.at(-1)?.progress.current).toBe(999);
    expect(events.length).toBeLessThanOrEqual(2 + Math.ceil(1998 / 100));
    expect(events.length).toBeGreaterThanOrEqual(15);
    for (let k = 1; k < events.length; k += 1) {
      expect((events[k]?.at ?? 0) - (events[k - 1]?.at ?? 0)).toBeGreaterThanOrEqual(100);
    }

    throttle.finish(update(1000));
    expect(events.at(-1)?.progress.current).toBe(1000);
  });

  it('emits the final event at once even right after another one', () => {
    const { throttle, events, advance } = harness();
    throttle.update(update(0));
    advance(10);
    throttle.update(update(500));
    throttle.finish(update(1000));
    expect(events.map((e) => e.progress.current)).toEqual([0, 1000]);
    advance(1000);
    throttle.update(update(1001)); // ignored after finish
    throttle.finish();
    expect(events).toHaveLength(2);
  });

  it('never moves the bar backwards or lowers a count, whatever order updates come in', () => {
    const { throttle, events, advance } = harness();
    throttle.update(update(0));
    advance(150);
    throttle.update(update(600));
    advance(150);
    throttle.update(update(400, { counts: { pages: 0, rows: 400 }, tokensSpent: 0 }));
    advance(150);
    throttle.update(update(650));
    const currents = events.map((e) => e.progress.current);
    expect(currents).toEqual([0, 600, 600, 650]);
    expect(events[2]?.progress.counts).toEqual({ pages: 1, rows: 600 });
    expect(events[2]?.progress.tokensSpent).toBe(10);
  });

  it('emits a phase change at once, and a new phase counts from its own start', () => {
    const { throttle, events, advance } = harness();
    throttle.update(update(900, { phase: 'fetching' }));
    advance(5);
    throttle.update(update(3, { phase: 'writing' }));
    expect(events.map((e) => [e.progress.phase, e.progress.current])).toEqual([
      ['fetching', 900],
      ['writing', 3],
    ]);
    // Counts stay monotonic across phases.
    expect(events[1]?.progress.counts.rows).toBe(900);
  });

  it('emits a state change at once, after the progress it was holding back', () => {
    const { throttle, log, advance } = harness();
    throttle.update(update(0));
    advance(20);
    throttle.update(update(42));
    throttle.state('paused');
    expect(log).toEqual(['progress 0', 'progress 42', 'state paused']);
    throttle.state('running');
    expect(log.at(-1)).toBe('state running');
  });

  it('computes the rate over the last seconds and the ETA from it', () => {
    const { throttle, events, advance } = harness();
    let current = 0;
    const tick = (rowsPer100ms: number): void => {
      advance(100);
      current += rowsPer100ms;
      throttle.update(update(current, { total: 100_000 }));
    };
    throttle.update(update(0, { total: 100_000 }));
    for (let k = 0; k < 30; k += 1) tick(10); // 100 rows/s for 3 s
    let last = events.at(-1)?.progress;
    expect(last?.rate).toBeCloseTo(100, 5);
    expect(last?.etaSeconds).toBe(Math.ceil((100_000 - 300) / 100));

    for (let k = 0; k < 60; k += 1) tick(100); // then 1,000 rows/s for 6 s: the old pace leaves the window
    last = events.at(-1)?.progress;
    expect(last?.rate).toBeCloseTo(1000, 5);
    expect(last?.etaSeconds).toBe(Math.ceil((100_000 - 6300) / 1000));
  });

  it('has no ETA while the total is unknown, and restarts the rate after a pause', () => {
    const { throttle, events, advance } = harness();
    throttle.update(update(0, { total: null }));
    for (let k = 1; k <= 20; k += 1) {
      advance(100);
      throttle.update(update(k * 50, { total: null }));
    }
    expect(events.at(-1)?.progress.rate).toBeCloseTo(500, 5);
    expect(events.at(-1)?.progress.etaSeconds).toBeNull();

    throttle.state('paused');
    advance(60_000);
    throttle.state('running');
    advance(100);
    throttle.update(update(1010, { total: null }));
    // Not 10 rows over a minute: the paused minute is not counted, and 100 ms is too short to tell.
    expect(events.at(-1)?.progress.rate).toBe(0);
    for (let k = 1; k <= 10; k += 1) {
      advance(100);
      throttle.update(update(1010 + k * 20, { total: null }));
    }
    expect(events.at(-1)?.progress.rate).toBeCloseTo(200, 5);
  });
});
