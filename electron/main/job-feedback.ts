/**
 * What the OS shows about jobs while the window may be in the background: the taskbar/dock progress
 * while jobs run, and a notification when one ends. Kept pure: main feeds it events and applies
 * what it returns.
 */
import type { JobProgressEvent } from '../../shared/ipc.ts';
import type { JobSummary } from '../../shared/jobs.ts';
import { isFinalState } from '../../shared/jobs.ts';

/** `BrowserWindow.setProgressBar` arguments. */
export interface TaskbarProgress {
  readonly value: number;
  readonly mode: 'none' | 'normal' | 'indeterminate' | 'paused';
}

/** One tracked job. */
interface Tracked {
  readonly current: number;
  readonly total: number | null;
  readonly paused: boolean;
}

/** Taskbar progress for the jobs running now: the average of known fractions, or indeterminate. */
export function taskbarProgress(jobs: ReadonlyMap<string, Tracked>): TaskbarProgress {
  if (jobs.size === 0) return { value: -1, mode: 'none' };
  const all = [...jobs.values()];
  const paused = all.every((job) => job.paused);
  if (all.some((job) => job.total === null || job.total <= 0)) {
    return paused ? { value: 0, mode: 'paused' } : { value: 2, mode: 'indeterminate' };
  }
  const fraction =
    all.reduce((sum, job) => sum + Math.min(1, job.current / (job.total ?? 1)), 0) / all.length;
  return { value: fraction, mode: paused ? 'paused' : 'normal' };
}

/** The notification for a job that just ended (or stopped), or null for other changes. */
export function jobNotification(
  summary: JobSummary,
): { readonly title: string; readonly body: string } | null {
  switch (summary.state) {
    case 'done':
      return { title: 'Job finished', body: summary.title };
    case 'failed':
      return {
        title: 'Job failed',
        body: `${summary.title}: ${summary.error?.message ?? 'see History for details.'}`,
      };
    case 'stopped':
      return {
        title: 'Job stopped',
        body: `${summary.title}: ${summary.error?.message ?? 'it can be resumed.'}`,
      };
    case 'cancelled':
      return { title: 'Job cancelled', body: summary.title };
    default:
      return null;
  }
}

/** Tracks running jobs from events and says what to show. */
export class JobFeedback {
  private readonly jobs = new Map<string, Tracked>();

  /** A progress event; returns the new taskbar state. */
  progress(event: JobProgressEvent): TaskbarProgress {
    const paused = this.jobs.get(event.jobId)?.paused ?? false;
    this.jobs.set(event.jobId, { current: event.progress.current, total: event.progress.total, paused });
    return taskbarProgress(this.jobs);
  }

  /** A state change; returns the taskbar state and the notification to show, if any. */
  state(summary: JobSummary): {
    readonly taskbar: TaskbarProgress;
    readonly notify: ReturnType<typeof jobNotification>;
  } {
    if (isFinalState(summary.state) || summary.state === 'stopped') this.jobs.delete(summary.id);
    else
      this.jobs.set(summary.id, {
        current: summary.current,
        total: summary.total,
        paused: summary.state === 'paused',
      });
    return { taskbar: taskbarProgress(this.jobs), notify: jobNotification(summary) };
  }
}
