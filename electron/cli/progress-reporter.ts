/**
 * How the CLI shows a job's progress, for every kind of job. On a terminal: one bar line on stderr,
 * redrawn in place —
 *   `Exporting organizations [#####-----] 45% 4,500/10,000 rows · 820 rows/s · ETA 7s · 130 tokens`
 * Anywhere else (a pipe, a CI log): a plain line every few seconds, at each phase change and at the
 * end, so a log stays readable. Wire it to the job manager:
 *   `manager.onProgress((id, p) => reporter.progress(p)); manager.onStateChange((s) => reporter.state(s))`.
 */
import { assertNever } from '../../shared/jobs.ts';
import type { JobProgress, JobState, JobSummary } from '../../shared/jobs.ts';

/** The part of a stream the reporter uses (process.stderr fits). */
export interface ReporterStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Options of the reporter. */
export interface ProgressReporterOptions {
  readonly stream: ReporterStream;
  /** Milliseconds, for spacing plain lines. */
  readonly now?: () => number;
  /** Draw a bar (default: the stream is a TTY). */
  readonly tty?: boolean;
  /** Least time between two plain lines. Default 5 s. */
  readonly plainIntervalMs?: number;
}

/** Shows one job's progress. */
export interface ProgressReporter {
  /** A (throttled) progress event. */
  progress(progress: JobProgress): void;
  /** A state change; a run-ending state (stopped, cancelled, failed, done) closes the display. */
  state(summary: JobSummary): void;
}

const BAR_WIDTH = 10;
const ENDING: ReadonlyArray<JobState> = ['stopped', 'cancelled', 'failed', 'done'];

/** Creates a reporter writing to `options.stream`. */
export function createProgressReporter(options: ProgressReporterOptions): ProgressReporter {
  const { stream } = options;
  const now = options.now ?? (() => Date.now());
  const tty = options.tty ?? stream.isTTY === true;
  const plainIntervalMs = options.plainIntervalMs ?? 5000;

  let latest: JobProgress | undefined;
  let lastPrinted: JobProgress | undefined;
  let lastPrintedAt = -Infinity;
  let draws = 0;
  let barShown = false;
  let ended = false;
  let lastState: JobState | undefined;

  const fit = (line: string): string => {
    // A line wider than the terminal wraps, and `\r` then redraws only its last part.
    const columns = stream.columns ?? 0;
    return columns > 1 && line.length > columns - 1 ? line.slice(0, columns - 2) + '…' : line;
  };
  const drawBar = (progress: JobProgress): void => {
    stream.write(`\r${fit(barLine(progress, draws++))}\x1b[K`);
    barShown = true;
  };
  const printPlain = (progress: JobProgress): void => {
    stream.write(plainLine(progress) + '\n');
    lastPrinted = progress;
    lastPrintedAt = now();
  };
  // A message on its own line; on a terminal the bar is cleared first and drawn again below it.
  const message = (text: string): void => {
    if (tty && barShown) stream.write('\r\x1b[K');
    stream.write(text + '\n');
    if (tty && latest && !ended) drawBar(latest);
  };

  return {
    progress(progress) {
      if (ended) return;
      const phaseChanged = latest !== undefined && latest.phase !== progress.phase;
      latest = progress;
      if (tty) {
        drawBar(progress);
      } else if (lastPrinted === undefined || phaseChanged || now() - lastPrintedAt >= plainIntervalMs) {
        printPlain(progress);
      }
    },
    state(summary) {
      if (ended) return;
      const previous = lastState;
      lastState = summary.state;
      if (!ENDING.includes(summary.state)) {
        if (summary.state === 'paused') message('Paused.');
        else if (summary.state === 'running' && previous === 'paused') message('Resumed.');
        return;
      }
      ended = true;
      if (tty && latest) {
        drawBar(latest);
        stream.write('\n');
      } else if (!tty && latest && latest !== lastPrinted) {
        printPlain(latest);
      }
      stream.write(endLine(summary) + '\n');
    },
  };
}

/** The terminal line: title, bar, percent, count, rate, ETA, tokens. */
function barLine(progress: JobProgress, frame: number): string {
  const { current, total } = progress;
  const unit = unitOf(progress);
  let head: string;
  if (total !== null && total > 0) {
    const fraction = Math.min(1, current / total);
    const filled = Math.round(fraction * BAR_WIDTH);
    head = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${Math.floor(fraction * 100)}% ${count(current)}/${count(total)} ${unit}`;
  } else {
    // Unknown total: a block bouncing across the bar shows life without pretending to a percentage.
    const span = BAR_WIDTH - 3;
    const step = frame % (2 * span);
    const at = step <= span ? step : 2 * span - step;
    head = `[${' '.repeat(at)}<=>${' '.repeat(span - at)}] ${count(current)} ${unit}`;
  }
  return [`${progress.title} ${head}`, ...tail(progress, unit)].join(' · ');
}

/** The plain line: title, count (and percent), rate, ETA, tokens. */
function plainLine(progress: JobProgress): string {
  const { current, total } = progress;
  const unit = unitOf(progress);
  const done =
    total !== null && total > 0
      ? `${count(current)}/${count(total)} ${unit} (${Math.floor(Math.min(1, current / total) * 100)}%)`
      : `${count(current)} ${unit}`;
  return [`${progress.title}: ${done}`, ...tail(progress, unit)].join(' · ');
}

function tail(progress: JobProgress, unit: string): string[] {
  const parts: string[] = [];
  if (progress.rate > 0) parts.push(`${formatRate(progress.rate)} ${unit}/s`);
  if (progress.etaSeconds !== null && progress.total !== null)
    parts.push(`ETA ${formatDuration(progress.etaSeconds)}`);
  parts.push(`${count(progress.tokensSpent)} tokens`);
  return parts;
}

/** The closing line of a run. */
function endLine(summary: JobSummary): string {
  const tokens = `${count(summary.tokensSpent)} tokens`;
  switch (summary.state) {
    case 'done':
      return `Done · ${countsText(summary)} · ${tokens}`;
    case 'stopped':
      return `Stopped: ${summary.error?.message ?? 'the job was interrupted.'} Resume it with: orgport resume ${summary.id}`;
    case 'cancelled':
      return `Cancelled · ${countsText(summary)} · ${tokens}`;
    case 'failed':
      return `Failed: ${summary.error?.message ?? 'unexpected error.'}`;
    case 'queued':
    case 'running':
    case 'paused':
      return summary.state;
    default:
      return assertNever(summary.state);
  }
}

function countsText(summary: JobSummary): string {
  switch (summary.kind) {
    case 'import': {
      const c = summary.counts;
      return `${count(c.created)} created, ${count(c.updated)} updated, ${count(c.unchanged)} unchanged, ${count(c.skipped)} skipped, ${count(c.failed)} failed`;
    }
    case 'export':
      return `${count(summary.counts.rows)} rows`;
    case 'delete': {
      const c = summary.counts;
      return `${count(c.deleted)} deleted, ${count(c.notFound)} not found, ${count(c.skipped)} skipped, ${count(c.failed)} failed`;
    }
    default:
      return assertNever(summary);
  }
}

/** What `current` counts in each phase. */
function unitOf(progress: JobProgress): string {
  switch (progress.kind) {
    case 'import':
      return progress.phase === 'indexing' ? 'organizations' : 'rows';
    case 'export':
      return progress.phase === 'fields' ? 'fields' : 'rows';
    case 'delete':
      return progress.phase === 'backup' ? 'rows' : 'organizations';
    default:
      return assertNever(progress);
  }
}

function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function formatRate(rate: number): string {
  return rate < 10 ? rate.toFixed(1) : count(rate);
}

/** `7s`, `2m 05s`, `1h 02m`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
