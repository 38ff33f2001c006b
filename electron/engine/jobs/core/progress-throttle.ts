/**
 * Turns a job's raw progress updates (one per item, thousands a second) into the events listeners
 * see: the first at once, then at most one per `intervalMs` (~10/s, which is what a progress bar and
 * an IPC channel can usefully carry), the final one always, state changes always and at once. It
 * never lets the bar go backwards, whatever order concurrent items report in, and it computes the
 * rate and ETA so every consumer shows the same figures.
 *
 * Pure apart from the clock and the timer, which are parameters, so tests drive it with a fake clock.
 */
import type { JobKind, JobState, ProgressOf } from '../../../../shared/jobs.ts';

/** A progress update as a worker reports it: everything but the derived rate and ETA. */
export type ProgressUpdate<K extends JobKind = JobKind> = K extends JobKind
  ? Omit<ProgressOf<K>, 'rate' | 'etaSeconds'>
  : never;

/** Schedules `fn` after `ms` and returns a function that cancels it. */
export type Scheduler = (fn: () => void, ms: number) => () => void;

/** What the throttle is connected to. */
export interface ProgressThrottleOptions<K extends JobKind> {
  readonly onProgress: (progress: ProgressOf<K>) => void;
  readonly onState?: (state: JobState) => void;
  /** Milliseconds, monotonic (e.g. `performance.now`). */
  readonly now: () => number;
  readonly schedule?: Scheduler;
  /** Least time between two progress events. Default 100 ms. */
  readonly intervalMs?: number;
  /** How far back the rate looks. Default 5 s. */
  readonly rateWindowMs?: number;
}

/** A throttle for one job's progress. */
export interface ProgressThrottle<K extends JobKind> {
  /** Takes a new update; emits it now or within `intervalMs`. A phase change is emitted at once. */
  update(next: ProgressUpdate<K>): void;
  /** Emits any held-back progress, then the state change, both at once. */
  state(state: JobState): void;
  /** Emits the final progress (the given update, else the latest) at once; later updates are ignored. */
  finish(final?: ProgressUpdate<K>): void;
  /** The latest progress accepted, emitted or not. */
  readonly latest: ProgressOf<K> | null;
}

interface Sample {
  readonly t: number;
  readonly current: number;
}

/** Creates a throttle; see the module comment for its rules. */
export function createProgressThrottle<K extends JobKind>(
  options: ProgressThrottleOptions<K>,
): ProgressThrottle<K> {
  const { onProgress, onState, now } = options;
  const schedule = options.schedule ?? defaultScheduler;
  const intervalMs = options.intervalMs ?? 100;
  const rateWindowMs = options.rateWindowMs ?? 5000;

  let latest: ProgressOf<K> | null = null;
  let lastEmitAt = -Infinity;
  let pending = false;
  let cancelTimer: (() => void) | undefined;
  let finished = false;
  let samples: Sample[] = [];
  let rate = 0;

  const emit = (): void => {
    cancelTimer?.();
    cancelTimer = undefined;
    pending = false;
    if (latest === null) return;
    lastEmitAt = now();
    onProgress(latest);
  };

  const accept = (next: ProgressUpdate<K>): { phaseChanged: boolean } => {
    const t = now();
    const phaseChanged = latest !== null && latest.phase !== next.phase;
    const merged = monotonic(latest, next);
    if (phaseChanged) samples = [];
    rate = measureRate(samples, { t, current: merged.current }, rateWindowMs, rate, phaseChanged);
    const etaSeconds =
      merged.total !== null && rate > 0
        ? Math.max(0, Math.ceil((merged.total - merged.current) / rate))
        : null;
    // An update of kind K plus the two derived fields is a ProgressOf<K>; TypeScript cannot see
    // through Omit on a generic union, hence the cast.
    latest = { ...merged, rate, etaSeconds } as unknown as ProgressOf<K>;
    return { phaseChanged };
  };

  return {
    update(next) {
      if (finished) return;
      const first = latest === null;
      const { phaseChanged } = accept(next);
      if (first || phaseChanged || now() - lastEmitAt >= intervalMs) {
        emit();
        return;
      }
      pending = true;
      cancelTimer ??= schedule(emit, Math.max(0, lastEmitAt + intervalMs - now()));
    },
    state(state) {
      if (pending) emit();
      // Time spent paused says nothing about speed: start the rate afresh either side of a pause.
      samples = [];
      rate = 0;
      onState?.(state);
    },
    finish(final) {
      if (finished) return;
      if (final) accept(final);
      finished = true;
      emit();
    },
    get latest() {
      return latest;
    },
  };
}

/**
 * Merges an update into the previous one so nothing moves backwards: counts and tokens keep their
 * highest value, and `current` does too within a phase (a new phase starts its own count).
 */
function monotonic<K extends JobKind>(
  prev: ProgressOf<K> | null,
  next: ProgressUpdate<K>,
): ProgressUpdate<K> {
  if (prev === null || prev.kind !== next.kind) return next;
  const counts: Record<string, number> = { ...next.counts };
  for (const [key, value] of Object.entries(prev.counts)) {
    counts[key] = Math.max(value, counts[key] ?? 0);
  }
  return {
    ...next,
    counts,
    current: prev.phase === next.phase ? Math.max(prev.current, next.current) : next.current,
    tokensSpent: Math.max(prev.tokensSpent, next.tokensSpent),
  };
}

// Samples closer together than this are merged, which bounds the window to a few hundred entries
// however often items complete.
const SAMPLE_SPACING_MS = 50;
// A rate over less time than this is mostly noise; keep the previous figure until there is enough.
const MIN_RATE_SPAN_MS = 500;

function measureRate(
  samples: Sample[],
  sample: Sample,
  windowMs: number,
  previous: number,
  reset: boolean,
): number {
  const last = samples.at(-1);
  if (last !== undefined && sample.t - last.t < SAMPLE_SPACING_MS && samples.length > 1) samples.pop();
  samples.push(sample);
  while (samples.length > 2 && sample.t - (samples[1]?.t ?? sample.t) >= windowMs) samples.shift();
  const oldest = samples[0];
  if (oldest === undefined) return previous;
  const span = sample.t - oldest.t;
  if (span < MIN_RATE_SPAN_MS) return reset ? 0 : previous;
  return Math.max(0, ((sample.current - oldest.current) * 1000) / span);
}

const defaultScheduler: Scheduler = (fn, ms) => {
  const timer = setTimeout(fn, ms);
  timer.unref();
  return () => clearTimeout(timer);
};
