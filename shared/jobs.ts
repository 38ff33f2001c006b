/**
 * Jobs as every part of Orgport sees them: what kinds exist, which states a job moves through, the
 * progress events a running job emits and the summary kept on disk for the history. Pure types and
 * small helpers; the machinery lives in `electron/engine/jobs/core/`.
 */

/** The three things Orgport does in bulk. */
export type JobKind = 'import' | 'export' | 'delete';

/** Every job kind, in the order the UI lists them. */
export const JOB_KINDS: ReadonlyArray<JobKind> = ['import', 'export', 'delete'];

/**
 * Where a job is in its life. `stopped` means it was interrupted (crash, quit, network down) or ran
 * out of something it needs (daily token budget, a valid token) and can be resumed; `cancelled`,
 * `failed` and `done` are final.
 */
export type JobState = 'queued' | 'running' | 'paused' | 'stopped' | 'cancelled' | 'failed' | 'done';

/** Why a job is `stopped`; each one is resumable once its cause is gone. */
export type StopReason = 'budget' | 'unauthorized' | 'network' | 'interrupted';

/** Every stop reason (for validating what is read back from disk). */
export const STOP_REASONS: ReadonlyArray<StopReason> = ['budget', 'unauthorized', 'network', 'interrupted'];

/** What kind of error ended or stopped a job: a stop reason, or a bug / unforeseen condition. */
export type JobErrorKind = StopReason | 'unexpected';

/** A plain-language error attached to a stopped or failed job. Never contains the API token. */
export interface JobError {
  readonly kind: JobErrorKind;
  readonly message: string;
}

/**
 * The transitions a job may make. `paused` may end directly (the last in-flight item finished while
 * the pause was pending); `stopped` may be resumed or discarded.
 */
export const JOB_TRANSITIONS: { readonly [S in JobState]: ReadonlyArray<JobState> } = {
  queued: ['running', 'cancelled', 'failed', 'stopped'],
  running: ['paused', 'stopped', 'cancelled', 'failed', 'done'],
  paused: ['running', 'stopped', 'cancelled', 'failed', 'done'],
  stopped: ['running', 'cancelled'],
  cancelled: [],
  failed: [],
  done: [],
};

/** True when a job in state `from` may move to `to`. */
export function canTransition(from: JobState, to: JobState): boolean {
  return JOB_TRANSITIONS[from].includes(to);
}

/** True for the states a job never leaves. */
export function isFinalState(state: JobState): boolean {
  return JOB_TRANSITIONS[state].length === 0;
}

/** Counts of an import: one per row outcome. */
export interface ImportCounts {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly failed: number;
  readonly skipped: number;
}

/** Counts of an export. */
export interface ExportCounts {
  readonly pages: number;
  readonly rows: number;
}

/** Counts of a bulk delete: one per requested ID. */
export interface DeleteCounts {
  readonly deleted: number;
  readonly notFound: number;
  readonly skipped: number;
  readonly failed: number;
}

/** The phases of each kind, in the order a job goes through them. */
export const JOB_PHASES = {
  import: ['indexing', 'running'],
  export: ['fields', 'fetching', 'writing', 'finishing'],
  delete: ['backup', 'deleting'],
} as const;

/** Fields every progress event carries, whatever its kind. */
interface ProgressBase {
  /** Items done in the current phase. */
  readonly current: number;
  /** Items in the current phase, or null when it cannot be known cheaply (an indeterminate bar). */
  readonly total: number | null;
  /** Items per second over the last few seconds. */
  readonly rate: number;
  /** Seconds left in the current phase, or null when the total or the rate is unknown. */
  readonly etaSeconds: number | null;
  /** API tokens this job has spent so far (all runs of it together). */
  readonly tokensSpent: number;
  /** What the user sees, e.g. "Importing 8,000 rows from orgs.xlsx". */
  readonly title: string;
}

/** Progress of an import. */
export interface ImportProgress extends ProgressBase {
  readonly kind: 'import';
  readonly phase: (typeof JOB_PHASES)['import'][number];
  readonly counts: ImportCounts;
}

/** Progress of an export. */
export interface ExportProgress extends ProgressBase {
  readonly kind: 'export';
  readonly phase: (typeof JOB_PHASES)['export'][number];
  readonly counts: ExportCounts;
}

/** Progress of a bulk delete. */
export interface DeleteProgress extends ProgressBase {
  readonly kind: 'delete';
  readonly phase: (typeof JOB_PHASES)['delete'][number];
  readonly counts: DeleteCounts;
}

/** A progress event of any job; switch on `kind`. */
export type JobProgress = ImportProgress | ExportProgress | DeleteProgress;

/** The progress type of one kind. */
export type ProgressOf<K extends JobKind> = Extract<JobProgress, { kind: K }>;

/** The counts type of one kind. */
export type CountsOf<K extends JobKind> = ProgressOf<K>['counts'];

/** The phase type of one kind. */
export type PhaseOf<K extends JobKind> = ProgressOf<K>['phase'];

/**
 * A job's kind with its counts, still discriminated: what a view of the figures needs, and what both
 * a JobSummary and a JobProgress are. (`Pick<JobSummary, 'kind' | 'counts'>` would lose the pairing.)
 */
export type JobCounts = { [K in JobKind]: { readonly kind: K; readonly counts: CountsOf<K> } }[JobKind];

/** A file a job wrote for the user (failed rows, succeeded rows, a backup). */
export interface JobReport {
  readonly label: string;
  readonly path: string;
}

/** The summary of one job kind, as `state.json` holds it. */
interface SummaryOf<K extends JobKind> {
  readonly id: string;
  readonly kind: K;
  readonly state: JobState;
  readonly title: string;
  /** ISO date-times. */
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly counts: CountsOf<K>;
  /** Progress in the last phase reached, so the history can draw a bar for a stopped job. */
  readonly current: number;
  readonly total: number | null;
  readonly tokensSpent: number;
  readonly reports: ReadonlyArray<JobReport>;
  /** A user-facing label of the account ("Acme Ltd — jane@acme.com", "Sandbox"), never the token. */
  readonly connection: string;
  readonly stopReason?: StopReason;
  readonly error?: JobError;
}

/** What the history and `orgport jobs` show for a job; switch on `kind`. */
export type JobSummary = SummaryOf<'import'> | SummaryOf<'export'> | SummaryOf<'delete'>;

/** The summary type of one kind. */
export type SummaryFor<K extends JobKind> = Extract<JobSummary, { kind: K }>;

/** Zero counts for a kind, for a job that has not started. */
export function emptyCounts<K extends JobKind>(kind: K): CountsOf<K>;
export function emptyCounts(kind: JobKind): CountsOf<JobKind> {
  switch (kind) {
    case 'import':
      return { created: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0 };
    case 'export':
      return { pages: 0, rows: 0 };
    case 'delete':
      return { deleted: 0, notFound: 0, skipped: 0, failed: 0 };
    default:
      return assertNever(kind);
  }
}

/** How many items of a job failed (an export has no per-item failures). */
export function failedCount(summary: JobCounts): number {
  switch (summary.kind) {
    case 'import':
    case 'delete':
      return summary.counts.failed;
    case 'export':
      return 0;
    default:
      return assertNever(summary);
  }
}

/**
 * The CLI exit code for a job that has ended its run (design.md, "Command line"): 0 all succeeded,
 * 1 some items failed or the job failed, 3 stopped or cancelled (the job can be looked at, and a
 * stopped one resumed). Code 2 (usage or input error) is decided before a job exists.
 */
export function jobExitCode(summary: JobSummary): 0 | 1 | 3 {
  switch (summary.state) {
    case 'done':
      return failedCount(summary) > 0 ? 1 : 0;
    case 'failed':
      return 1;
    case 'stopped':
    case 'cancelled':
    case 'queued':
    case 'running':
    case 'paused':
      return 3;
    default:
      return assertNever(summary.state);
  }
}

/** Marks a switch as exhaustive: it fails to compile when a case is missing, and throws if reached. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
