/**
 * The app's log file, `<data>/logs/orgport.log`: one line per job lifecycle step (started, paused,
 * resumed, stopped, finished with its counts, failed with its reason) and per failed call. Written in
 * this one place, every line through the Pipedrive redaction, so the API token cannot reach it even
 * when an error message carries it. The file is capped: when the next line would pass the cap it
 * becomes `orgport.log.1` (replacing the older one) and a new file is started.
 */
import { appendFile, mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { InvokeChannel, InvokeHandlers } from '../../../shared/ipc.ts';
import type { JobState, JobSummary } from '../../../shared/jobs.ts';
import { redact } from '../pipedrive/redact.ts';
import { toApiError } from './dispatch.ts';

/** The log file's name inside `<data>/logs/`. */
export const LOG_FILE_NAME = 'orgport.log';

/** Default size cap of one log file (the rotated predecessor is as big again at most). */
export const DEFAULT_MAX_LOG_BYTES = 1024 * 1024;

/** How serious a line is. */
export type LogLevel = 'info' | 'warn' | 'error';

/** Where the log lives in a data folder. */
export interface LogPaths {
  readonly dir: string;
  readonly file: string;
  /** The rotated predecessor. */
  readonly previous: string;
}

/** The log paths of a data folder (nothing is created). */
export function logPaths(dataDir: string): LogPaths {
  const dir = path.join(dataDir, 'logs');
  const file = path.join(dir, LOG_FILE_NAME);
  return { dir, file, previous: `${file}.1` };
}

// A single line must stay a line: a message with newlines (a stack) is folded onto it.
const MAX_MESSAGE_CHARS = 4_000;

/** One log line: ISO time, level, the redacted message on one line, and a newline. */
export function formatLogLine(at: Date, level: LogLevel, message: string): string {
  const oneLine = redact(message)
    .replace(/\r?\n\s*/g, ' | ')
    .slice(0, MAX_MESSAGE_CHARS);
  return `${at.toISOString()} ${level.toUpperCase().padEnd(5)} ${oneLine}\n`;
}

/** "created 3, updated 2, failed 1" from a job's counts (zeros left out; "nothing" when all are zero). */
export function countsText(counts: JobSummary['counts']): string {
  // Every counts type is a flat record of numbers; Object.entries cannot know that of an interface.
  const parts = (Object.entries(counts) as Array<[string, number]>)
    .filter(([, value]) => value > 0)
    .map(([key, value]) => `${key.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)} ${value}`);
  return parts.length === 0 ? 'nothing' : parts.join(', ');
}

/**
 * The line a job's state change deserves, or null when it deserves none. `previous` is the state this
 * log last saw for the job (undefined the first time: a job started here, or one resumed from disk).
 */
export function jobStateLine(
  summary: JobSummary,
  previous: JobState | undefined,
): { readonly level: LogLevel; readonly message: string } | null {
  if (summary.state === previous) return null;
  const job = `job ${summary.id} (${summary.kind})`;
  const reason = summary.error ? `: ${summary.error.message}` : '';
  switch (summary.state) {
    case 'queued':
      return null;
    case 'running': {
      const resumed =
        previous === 'paused' ||
        previous === 'stopped' ||
        (previous === undefined && (summary.current > 0 || summary.tokensSpent > 0));
      return resumed
        ? { level: 'info', message: `${job} resumed` }
        : {
            level: 'info',
            message: `${job} started: "${summary.title}" on ${summary.connection}`,
          };
    }
    case 'paused':
      return { level: 'info', message: `${job} paused` };
    case 'stopped':
      return {
        level: 'warn',
        message: `${job} stopped (${summary.stopReason ?? 'interrupted'}), can be resumed${reason}`,
      };
    case 'cancelled':
      return { level: 'info', message: `${job} cancelled after ${countsText(summary.counts)}` };
    case 'failed':
      return { level: 'error', message: `${job} failed${reason || ': no reason was recorded'}` };
    case 'done':
      return {
        level: 'info',
        message: `${job} finished: ${countsText(summary.counts)}; ${summary.tokensSpent} API tokens`,
      };
  }
}

/** Whatever tells about job state changes (the JobManager). */
export interface JobStateSource {
  onStateChange(listener: (summary: JobSummary) => void): () => void;
}

/** What a log needs; the clock is replaceable for tests. */
export interface AppLogOptions {
  readonly file: string;
  readonly maxBytes?: number;
  readonly now?: () => Date;
}

/** The one writer of the log file. Lines are written in order; writing never throws at the caller. */
export class AppLog {
  private readonly maxBytes: number;
  private readonly now: () => Date;
  private readonly stops: Array<() => void> = [];
  private size: number | null = null;
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly options: AppLogOptions) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_LOG_BYTES;
    this.now = options.now ?? (() => new Date());
  }

  /** The file written to. */
  get file(): string {
    return this.options.file;
  }

  /** Queues a line (redacted on the way); a failing disk loses the line, never the app. */
  write(level: LogLevel, message: string): void {
    const line = formatLogLine(this.now(), level, message);
    this.tail = this.tail.then(() => this.append(line)).catch(() => undefined);
  }

  /** Resolves once every line queued so far is on disk (or given up on). */
  flush(): Promise<void> {
    return this.tail;
  }

  /** Logs the lifecycle of every job `manager` runs, until {@link AppLog.close}. */
  watchJobs(manager: JobStateSource): void {
    const seen = new Map<string, JobState>();
    const stop = manager.onStateChange((summary) => {
      const line = jobStateLine(summary, seen.get(summary.id));
      seen.set(summary.id, summary.state);
      if (line) this.write(line.level, line.message);
    });
    this.stops.push(stop);
  }

  /** Stops watching jobs and waits for the lines queued so far. */
  async close(): Promise<void> {
    this.stops.splice(0).forEach((stop) => stop());
    await this.flush();
  }

  /**
   * The same handlers, with every failure logged before it goes back to the caller unchanged. Failures
   * a user causes and can fix (not connected, a bad value) are warnings; anything else is an error,
   * with the first lines of its stack so a bug can be found.
   */
  watchHandlers(handlers: InvokeHandlers): InvokeHandlers {
    const watched: Record<string, unknown> = {};
    for (const channel of Object.keys(handlers) as InvokeChannel[]) {
      const handler = handlers[channel] as (args: unknown) => Promise<unknown>;
      watched[channel] = async (args: unknown) => {
        try {
          return await handler(args);
        } catch (error) {
          this.logCallFailure(channel, error);
          throw error;
        }
      };
    }
    // Same keys, each function wrapped with its own signature passed through.
    return watched as InvokeHandlers;
  }

  private logCallFailure(channel: InvokeChannel, error: unknown): void {
    const { kind, message } = toApiError(error);
    const internal = kind === 'internal';
    const stack =
      internal && error instanceof Error && error.stack
        ? `\n${error.stack.split('\n').slice(1, 6).join('\n')}`
        : '';
    this.write(internal ? 'error' : 'warn', `call ${channel} failed (${kind}): ${message}${stack}`);
  }

  private async append(line: string): Promise<void> {
    const { file } = this.options;
    const bytes = Buffer.byteLength(line);
    if (this.size === null) {
      await mkdir(path.dirname(file), { recursive: true });
      this.size = await stat(file).then(
        (info) => info.size,
        () => 0,
      );
    }
    if (this.size > 0 && this.size + bytes > this.maxBytes) {
      // rename replaces the older predecessor in one step on every OS Node supports.
      await rename(file, `${file}.1`).catch(() => undefined);
      this.size = 0;
    }
    await appendFile(file, line, 'utf8');
    this.size += bytes;
  }
}

/**
 * The app core's log: `<data>/logs/orgport.log`, watching `manager`'s jobs, with a first line saying
 * which version started on which data folder (so the file exists for "Show in folder" from the start).
 */
export function startAppLog(options: {
  readonly dataDir: string;
  readonly version: string;
  readonly manager: JobStateSource;
  readonly maxBytes?: number;
}): AppLog {
  const log = new AppLog({
    file: logPaths(options.dataDir).file,
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
  });
  log.write('info', `Orgport ${options.version} started (data folder ${options.dataDir})`);
  log.watchJobs(options.manager);
  return log;
}
