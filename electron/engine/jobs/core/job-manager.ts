/**
 * The in-process registry of jobs: starts them, pauses, resumes and cancels them, resumes a stopped
 * job from disk, and fans their events out to whoever listens (the CLI's progress reporter, the IPC
 * layer). It knows no job kind itself: the import, export and delete jobs each register a
 * JobDefinition, and `E` is whatever they need at run time that must not be stored — typically the
 * live Pipedrive connection holding the token.
 */
import type { JobKind, JobProgress, JobSummary, SummaryFor } from '../../../../shared/jobs.ts';
import { JobStateError } from './job-errors.ts';
import { sanitizeSpec } from './job-spec.ts';
import type { JobStore, StoredJob } from './job-store.ts';
import { startRun } from './job-runner.ts';
import type { JobRun, JobWorker, RunListeners, RunTuning } from './job-runner.ts';
import type { OutcomeLine } from './journal.ts';

/** How one kind of job is parsed and run; registered once per kind. */
export interface JobDefinition<K extends JobKind, S, T extends OutcomeLine, E> {
  readonly kind: K;
  /**
   * Checks a spec (from the caller, or from `job.json` on resume) and returns it typed; throws a
   * clear error if it is not valid. Receives the spec with credentials already removed.
   */
  parseSpec(raw: unknown): S;
  /**
   * Makes the worker for a run. Should throw if `env` is not the connection the spec was made for
   * (a job resumed against another account must not run).
   */
  createWorker(spec: S, env: E): JobWorker<K, S, T>;
}

/** What `start` needs. */
export interface StartJob<E> {
  readonly kind: JobKind;
  /** JSON; credential-like properties are dropped before it is stored (job-spec.ts). */
  readonly spec: unknown;
  readonly title: string;
  /** A user-facing account label, never the token. */
  readonly connection: string;
  readonly env: E;
}

/**
 * One registered kind with its types closed over: parses a spec and makes the worker (throwing before
 * anything is written if either is wrong), and returns what starts the run for a stored job.
 */
type Prepare<E> = (rawSpec: unknown, env: E) => (job: StoredJob) => Promise<JobRun>;

/** Runs jobs of the registered kinds in this process. */
export class JobManager<E> {
  private readonly kinds = new Map<JobKind, Prepare<E>>();
  private readonly runs = new Map<string, JobRun>();
  private readonly progressListeners = new Set<(id: string, progress: JobProgress) => void>();
  private readonly stateListeners = new Set<(summary: JobSummary) => void>();
  private readonly listeners: RunListeners = {
    onProgress: (id, progress) => notify(this.progressListeners, (listener) => listener(id, progress)),
    onStateChange: (summary) => this.notifyState(summary),
  };

  constructor(
    readonly store: JobStore,
    private readonly tuning: RunTuning = {},
  ) {}

  /** Registers the definition of one job kind (once per kind). */
  register<K extends JobKind, S, T extends OutcomeLine>(definition: JobDefinition<K, S, T, E>): void {
    if (this.kinds.has(definition.kind)) throw new Error(`Job kind ${definition.kind} is registered twice.`);
    this.kinds.set(definition.kind, (rawSpec, env) => {
      const spec = definition.parseSpec(rawSpec);
      const worker = definition.createWorker(spec, env);
      return async (job) => {
        const run = await startRun<K, S, T>({
          ...this.tuning,
          store: this.store,
          // Prepared under this kind's key, so the job it is given has this kind's summary.
          job: job as StoredJob & { summary: SummaryFor<K> },
          spec,
          worker,
          listeners: this.listeners,
        });
        this.runs.set(run.id, run);
        void run.done.then(() => this.runs.delete(run.id));
        return run;
      };
    });
  }

  /**
   * Validates the spec, makes the worker, then creates the job on disk and starts it. Nothing is
   * created if the spec is bad or the worker cannot be made.
   */
  async start(input: StartJob<E>): Promise<JobRun> {
    const spec = sanitizeSpec(input.spec);
    const launch = this.prepare(input.kind)(spec, input.env);
    const job = await this.store.create({ ...input, spec });
    return launch(job);
  }

  /**
   * Continues a stopped job from disk (`orgport resume`, the Resume button after a restart): the
   * given one, or the newest resumable one. Throws if there is none or it is not stopped.
   */
  async resumeStopped(id: string | undefined, env: E): Promise<JobRun> {
    const job = id === undefined ? await this.store.latestResumable() : await this.store.load(id);
    if (job === undefined) throw new JobStateError('There is no stopped job to resume.');
    if (this.runs.has(job.job.id)) throw new JobStateError(`Job ${job.job.id} is already running.`);
    if (job.summary.state !== 'stopped') {
      throw new JobStateError(
        `Job ${job.job.id} is ${job.summary.state}; only a stopped job can be resumed.`,
      );
    }
    return this.prepare(job.job.kind)(job.job.spec, env)(job);
  }

  /** Pauses a running job of this process. */
  pause(id: string): void {
    this.running(id).control.pause();
  }

  /** Resumes a paused job of this process. */
  resume(id: string): void {
    this.running(id).control.resume();
  }

  /**
   * Cancels a job: a running one of this process (resolves when it has wound down), or a stopped one
   * on disk, which is marked cancelled so it no longer offers to resume.
   */
  async cancel(id: string): Promise<JobSummary> {
    const run = this.runs.get(id);
    if (run) {
      run.control.cancel();
      return run.done;
    }
    const job = await this.store.load(id);
    if (job.summary.state !== 'stopped') {
      throw new JobStateError(`Job ${id} is ${job.summary.state}; it cannot be cancelled from here.`);
    }
    const release = await this.store.acquireLock(id);
    try {
      const updatedAt = (this.tuning.clock?.() ?? new Date()).toISOString();
      const summary: JobSummary = { ...job.summary, state: 'cancelled', updatedAt };
      await this.store.writeState(summary);
      this.notifyState(summary);
      return summary;
    } finally {
      await release();
    }
  }

  /** The run of a job of this process, if it is running (or paused) here. */
  get(id: string): JobRun | undefined {
    return this.runs.get(id);
  }

  /** Summaries of the jobs running (or paused) in this process. */
  listRunning(): JobSummary[] {
    return [...this.runs.values()].map((run) => run.summary);
  }

  /** Every job on disk, newest first, with this process's running jobs as they are right now. */
  async history(): Promise<JobSummary[]> {
    const stored = await this.store.list();
    return stored.map((job) => this.runs.get(job.job.id)?.summary ?? job.summary);
  }

  /**
   * Pauses every job of this process that is running (the web page that was watching them closed):
   * requests in flight finish and are journaled, nothing new starts, and each job waits, `paused`,
   * for a resume, or for `stopAll` when the process ends. Returns the summaries of the jobs paused.
   */
  pauseAll(): JobSummary[] {
    const running = [...this.runs.values()].filter((run) => run.control.state === 'running');
    running.forEach((run) => run.control.pause());
    return running.map((run) => run.summary);
  }

  /** Stops every running job resumably (app quit, Ctrl-C on `orgport web`) and waits for them. */
  async stopAll(): Promise<JobSummary[]> {
    const runs = [...this.runs.values()];
    runs.forEach((run) => run.control.stop('interrupted'));
    return Promise.all(runs.map((run) => run.done));
  }

  /** Hears every progress event of every job; returns an unsubscribe function. */
  onProgress(listener: (id: string, progress: JobProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** Hears every state change of every job (with its whole summary); returns an unsubscribe function. */
  onStateChange(listener: (summary: JobSummary) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private notifyState(summary: JobSummary): void {
    notify(this.stateListeners, (listener) => listener(summary));
  }

  private prepare(kind: JobKind): Prepare<E> {
    const prepare = this.kinds.get(kind);
    if (!prepare) throw new Error(`No job of kind ${kind} is registered.`);
    return prepare;
  }

  private running(id: string): JobRun {
    const run = this.runs.get(id);
    if (!run) throw new JobStateError(`Job ${id} is not running in this process.`);
    return run;
  }
}

// Each listener is called on its own: one that throws (a closed window, a dead socket) must neither
// break the job nor keep the others from hearing about it.
function notify<L>(listeners: ReadonlySet<L>, call: (listener: L) => void): void {
  for (const listener of listeners) {
    try {
      call(listener);
    } catch {
      // deliberately ignored, see above
    }
  }
}
