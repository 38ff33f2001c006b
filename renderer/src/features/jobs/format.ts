/** Words and numbers for jobs, in one place so every screen says the same thing. */
import { assertNever } from '../../../../shared/jobs.ts';
import type { JobKind, JobProgress, JobState, JobSummary } from '../../../../shared/jobs.ts';

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const rateFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** 12,345 */
export function formatCount(value: number): string {
  return numberFormat.format(value);
}

/** 12.5 */
export function formatRate(value: number): string {
  return rateFormat.format(value);
}

/** "1 h 5 min", "4 min 10 s", "12 s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** A date-time in the user's locale. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** What each state is called on screen. */
export const STATE_LABELS: { readonly [S in JobState]: string } = {
  queued: 'Waiting',
  running: 'Running',
  paused: 'Paused',
  stopped: 'Stopped — can be resumed',
  cancelled: 'Cancelled',
  failed: 'Failed',
  done: 'Done',
};

/** What each kind is called on screen. */
export const KIND_LABELS: { readonly [K in JobKind]: string } = {
  import: 'Import',
  export: 'Export',
  delete: 'Bulk delete',
};

/** What a job counts, in words ("rows", "organizations"). */
export function unitOf(kind: JobKind): string {
  switch (kind) {
    case 'import':
      return 'rows';
    case 'export':
      return 'organizations';
    case 'delete':
      return 'organizations';
    default:
      return assertNever(kind);
  }
}

/** One labelled figure of a job's outcome. */
export interface CountPart {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  readonly tone: 'good' | 'neutral' | 'warn' | 'bad';
}

/** The outcome split of a job (what the picture and the figures show). */
export function countParts(job: JobSummary | JobProgress): ReadonlyArray<CountPart> {
  switch (job.kind) {
    case 'import':
      return [
        { key: 'created', label: 'Created', value: job.counts.created, tone: 'good' },
        { key: 'updated', label: 'Updated', value: job.counts.updated, tone: 'good' },
        { key: 'unchanged', label: 'Unchanged', value: job.counts.unchanged, tone: 'neutral' },
        { key: 'skipped', label: 'Skipped', value: job.counts.skipped, tone: 'warn' },
        { key: 'failed', label: 'Failed', value: job.counts.failed, tone: 'bad' },
      ];
    case 'export':
      return [{ key: 'rows', label: 'Exported', value: job.counts.rows, tone: 'good' }];
    case 'delete':
      return [
        { key: 'deleted', label: 'Deleted', value: job.counts.deleted, tone: 'good' },
        { key: 'notFound', label: 'Not found', value: job.counts.notFound, tone: 'neutral' },
        { key: 'skipped', label: 'Skipped', value: job.counts.skipped, tone: 'warn' },
        { key: 'failed', label: 'Failed', value: job.counts.failed, tone: 'bad' },
      ];
    default:
      return assertNever(job);
  }
}

/** True while a job can still change (the job panel shows these). */
export function isActiveState(state: JobState): boolean {
  return state === 'queued' || state === 'running' || state === 'paused';
}

/** The kind label to put before a job's title, or null when the title already says it. */
export function kindPrefix(job: Pick<JobSummary, 'kind' | 'title'>): string | null {
  const label = KIND_LABELS[job.kind];
  return job.title.toLowerCase().startsWith(label.toLowerCase()) ? null : label;
}
