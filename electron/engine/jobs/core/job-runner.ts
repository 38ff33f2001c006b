/**
 * One run of one job: takes the job's lock, opens its journal, runs its worker under a JobControl,
 * throttles its progress, keeps `state.json` current and tells listeners, and maps however the worker
 * ends to the job's final state. The JobManager (job-manager.ts) starts runs; the CLI and the IPC
 * layer listen to them.
 */
import { performance } from 'node:perf_hooks';
import type { JobKind, JobProgress, JobReport, JobState, SummaryFor } from '../../../../shared/jobs.ts';
import type { JobSummary, ProgressOf } from '../../../../shared/jobs.ts';
import { classifyJobError } from './job-errors.ts';
import { JobControl } from './job-control.ts';
import type { JobPaths, JobStore, StoredJob } from './job-store.ts';
import { Journal } from './journal.ts';
import type { JournalContents, JournalOptions, OutcomeLine } from './journal.ts';
import { createProgressThrottle } from './progress-throttle.ts';
import type { ProgressUpdate, Scheduler } from './progress-throttle.ts';

/** Where a worker reports progress; the runner throttles it. */
export interface ProgressSink<K extends JobKind> {
  /** Reports cumulative figures for the whole job (all runs of it), as often as is convenient. */
  update(progress: ProgressUpdate<K>): void;
}

/** Everything a worker gets for one run. */
export interface JobContext<K extends JobKind, S, T extends OutcomeLine> {
  readonly id: string;
  readonly kind: K;
  readonly spec: S;
  /** Pass to every request: aborted on cancel and stop. */
  readonly signal: AbortSignal;
  /** Call `checkpoint()` between items (or use `runBatch`, which does). */
  readonly control: JobControl;
  readonly journal: Journal<T>;
  readonly progress: ProgressSink<K>;
  readonly store: JobStore;
  readonly paths: JobPaths;
  /**
   * What the journal held when this run began: empty on a first run. On resume, skip the items in
   * `outcomes` and check those in `openIntents` before redoing them (journal.ts).
   */
  readonly resumeFrom: JournalContents<T>;
  /**
   * The job as it stood before this run. Counts are best rebuilt from `resumeFrom` (the journal is
   * the truth; state.json lags it by up to a second); `tokensSpent` carries on from here.
   */
  readonly previous: SummaryFor<K>;
  /** Links a file the job wrote (in `paths.reports` or where the user chose) to the job. */
  addReport(report: JobReport): Promise<void>;
  /** Unlinks a report (by path) the job no longer has, e.g. one a resumed run made obsolete. */
  removeReport(path: string): Promise<void>;
}

/**
 * The final figures a worker returns when it has finished every item. To end otherwise, it throws:
 * a JobStoppedError (or any error with a `stopReason`) to stop resumably, the signal's reason on
 * cancel, anything else to fail.
 */
export type JobOutcome<K extends JobKind> = ProgressUpdate<K>;

/** The code that does one kind of job. */
export interface JobWorker<K extends JobKind, S, T extends OutcomeLine> {
  run(context: JobContext<K, S, T>): Promise<JobOutcome<K>>;
}

/** The summary fields a run changes (the same for every kind). */
type SummaryPatch = Partial<
  Pick<JobSummary, 'state' | 'stopReason' | 'error' | 'current' | 'total' | 'tokensSpent' | 'reports'>
>;

/** Who hears about a run. Listener errors are caught so they cannot break the job. */
export interface RunListeners {
  readonly onProgress?: (id: string, progress: JobProgress) => void;
  readonly onStateChange?: (summary: JobSummary) => void;
}

/** Timing and clocks, all replaceable for tests. */
export interface RunTuning {
  /** Wall clock for `updatedAt`. */
  readonly clock?: () => Date;
  /** Monotonic milliseconds for throttling and rates. */
  readonly now?: () => number;
  readonly schedule?: Scheduler;
  /** Least time between two progress writes of state.json. Default 1 s. */
  readonly stateWriteIntervalMs?: number;
  readonly journal?: JournalOptions;
}

/** What `startRun` needs. */
export interface RunInput<K extends JobKind, S, T extends OutcomeLine> extends RunTuning {
  readonly store: JobStore;
  readonly job: StoredJob & { readonly summary: SummaryFor<K> };
  readonly spec: S;
  readonly worker: JobWorker<K, S, T>;
  readonly listeners?: RunListeners;
}

/** A run in progress. */
export interface JobRun {
  readonly id: string;
  readonly control: JobControl;
  /** The summary as of now. */
  readonly summary: JobSummary;
  /** Resolves with the final summary once the run has ended and state.json is written; never rejects. */
  readonly done: Promise<JobSummary>;
}

/**
 * Starts a run of a stored job. Rejects before anything runs if the job is locked by a live process
 * (JobBusyError) or its journal is damaged (JournalCorruptError); after that, every ending is a state.
 */
export async function startRun<K extends JobKind, S, T extends OutcomeLine>(
  input: RunInput<K, S, T>,
): Promise<JobRun> {
  const { store, job, spec, worker, listeners = {} } = input;
  const clock = input.clock ?? (() => new Date());
  const now = input.now ?? (() => performance.now());
  const writeEvery = input.stateWriteIntervalMs ?? 1000;
  const id = job.job.id;

  const release = await store.acquireLock(id);
  let journal: Journal<T>;
  try {
    journal = await Journal.open<T>(job.paths.journal, input.journal);
  } catch (error) {
    await release();
    throw error;
  }

  const previous = job.summary;
  let summary: JobSummary = previous;
  const writer = new StateWriter(store);
  let lastWriteAt = -Infinity;

  const change = (patch: SummaryPatch): void => {
    summary = { ...summary, ...patch, updatedAt: clock().toISOString() };
  };
  const persist = (): Promise<void> => {
    lastWriteAt = now();
    return writer.write(summary);
  };
  const tell = <A>(listener: ((arg: A) => void) | undefined, arg: A): void => {
    try {
      listener?.(arg);
    } catch {
      // A broken listener (a closed window, a dead socket) must not break the job.
    }
  };

  const control = new JobControl();
  const throttle = createProgressThrottle<K>({
    now,
    ...(input.schedule ? { schedule: input.schedule } : {}),
    onProgress: (progress: ProgressOf<K>) => {
      const { current, total, tokensSpent } = progress;
      change({ current, total, tokensSpent });
      // The throttle only ever passes progress of this job's kind, so counts fit the summary.
      summary = { ...summary, counts: progress.counts } as JobSummary;
      tell((p: JobProgress) => listeners.onProgress?.(id, p), progress);
      if (now() - lastWriteAt >= writeEvery) void persist().catch(() => undefined);
    },
    onState: (state: JobState) => {
      change({ state });
      tell(listeners.onStateChange, summary);
    },
  });
  control.onChange((state) => {
    // Cancel and stop are reported once the worker has wound down, as the final state.
    if (state === 'paused' || state === 'running') {
      throttle.state(state);
      void persist().catch(() => undefined);
    }
  });

  const context: JobContext<K, S, T> = {
    id,
    kind: previous.kind,
    spec,
    signal: control.signal,
    control,
    journal,
    progress: { update: (progress) => throttle.update(progress) },
    store,
    paths: job.paths,
    resumeFrom: journal.existing,
    previous,
    addReport: async (report) => {
      const others = summary.reports.filter((r) => r.path !== report.path);
      change({ reports: [...others, report] });
      await persist();
    },
    removeReport: async (reportPath) => {
      if (!summary.reports.some((r) => r.path === reportPath)) return;
      change({ reports: summary.reports.filter((r) => r.path !== reportPath) });
      await persist();
    },
  };

  // A new run clears what the last one ended with.
  change({ state: 'running', stopReason: undefined, error: undefined });
  await persist();
  tell(listeners.onStateChange, summary);

  const done = (async (): Promise<JobSummary> => {
    let ending: SummaryPatch;
    try {
      const outcome = await worker.run(context);
      // A worker that returns after a cancel or stop has not done every item: end as the signal says.
      control.signal.throwIfAborted();
      await journal.close();
      throttle.finish(outcome);
      ending = { state: 'done' };
    } catch (error) {
      await journal.close().catch(() => undefined);
      throttle.finish();
      const result = classifyJobError(error, control.signal);
      ending = { state: result.state, stopReason: result.stopReason, error: result.error };
    }
    change(ending);
    try {
      await persist();
    } catch {
      // The run is over either way. If even this write failed, state.json still says `running`;
      // with the lock released below, the store reads that as stopped (interrupted), which resumes.
    }
    await release();
    tell(listeners.onStateChange, summary);
    return summary;
  })();

  return {
    id,
    control,
    get summary() {
      return summary;
    },
    done,
  };
}

/**
 * Writes summaries to state.json one at a time, the latest winning: a write asked for while another
 * is in flight replaces any still waiting, so the file never goes back to an older summary.
 */
class StateWriter {
  private next: JobSummary | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly store: JobStore) {}

  write(summary: JobSummary): Promise<void> {
    this.next = summary;
    this.running ??= this.drain();
    return this.running;
  }

  private async drain(): Promise<void> {
    try {
      for (let summary = this.next; summary !== undefined; summary = this.next) {
        this.next = undefined;
        await this.store.writeState(summary);
      }
    } finally {
      // Cleared in the same turn as the loop's last check, so a write asked for later starts a new drain.
      this.running = undefined;
    }
  }
}
