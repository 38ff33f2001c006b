/**
 * The throughput series behind the picture a finished job shows: one sample per progress event,
 * thinned so a long job keeps a bounded number of points. Kept per job in memory while it runs and
 * saved next to the app settings when it ends, so the history can draw it after a restart.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RateLimitInfo, ThroughputSample } from '../../../shared/ipc.ts';
import type { JobProgress } from '../../../shared/jobs.ts';
import { writeFileAtomic } from '../json-file.ts';

/** Most samples kept per job; past this, every other one is dropped (the shape survives). */
export const MAX_SAMPLES = 400;

/** Adds a sample to a series, thinning it when it grows past `max`. Returns a new array. */
export function appendSample(
  series: ReadonlyArray<ThroughputSample>,
  sample: ThroughputSample,
  max: number = MAX_SAMPLES,
): ReadonlyArray<ThroughputSample> {
  const next = [...series, sample];
  if (next.length <= max) return next;
  // Keep the first and the newest point; drop every second one in between.
  return next.filter((_, index) => index === 0 || index === next.length - 1 || index % 2 === 0);
}

/** What is recorded for one job. */
export interface JobTrace {
  readonly startedAt: number;
  readonly samples: ReadonlyArray<ThroughputSample>;
  readonly lastProgress: JobProgress | null;
  readonly rateLimit: RateLimitInfo | null;
}

/** In-memory traces of the jobs this process watched, with save/load for finished ones. */
export class JobTraces {
  private readonly traces = new Map<string, JobTrace>();

  constructor(
    private readonly dir: string,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Records a progress event of a job, with the connection's request count at that moment. */
  record(jobId: string, progress: JobProgress, requests: number, rateLimit: RateLimitInfo | null): void {
    const at = this.now();
    const trace = this.traces.get(jobId) ?? {
      startedAt: at,
      samples: [],
      lastProgress: null,
      rateLimit: null,
    };
    const sample: ThroughputSample = {
      t: at - trace.startedAt,
      current: progress.current,
      requests,
      tokensSpent: progress.tokensSpent,
    };
    this.traces.set(jobId, {
      startedAt: trace.startedAt,
      samples: appendSample(trace.samples, sample),
      lastProgress: progress,
      rateLimit: rateLimit ?? trace.rateLimit,
    });
  }

  /** The trace of a job: from memory, else from disk, else empty. */
  async get(jobId: string): Promise<JobTrace> {
    const live = this.traces.get(jobId);
    if (live) return live;
    try {
      const parsed: unknown = JSON.parse(await readFile(this.file(jobId), 'utf8'));
      if (isTrace(parsed)) return parsed;
    } catch {
      // No trace was saved (a CLI job, or one from before this feature): an empty series.
    }
    return { startedAt: 0, samples: [], lastProgress: null, rateLimit: null };
  }

  /** Writes a job's trace to disk (when it ends) and forgets it from memory. */
  async save(jobId: string): Promise<void> {
    const trace = this.traces.get(jobId);
    if (!trace) return;
    await writeFileAtomic(this.file(jobId), JSON.stringify(trace));
    this.traces.delete(jobId);
  }

  private file(jobId: string): string {
    if (!/^[\w-]+$/.test(jobId)) throw new Error('Not a job id.');
    return path.join(this.dir, `${jobId}.json`);
  }
}

function isTrace(value: unknown): value is JobTrace {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v['startedAt'] === 'number' && Array.isArray(v['samples']);
}
