import { describe, expect, it } from 'vitest';
import type { JobSummary } from '../../../shared/jobs.ts';
import { JobFeedback, jobNotification } from '../../../electron/main/job-feedback.ts';

const summary = (state: JobSummary['state'], extra: Partial<JobSummary> = {}): JobSummary =>
  ({
    id: 'j1',
    kind: 'export',
    state,
    title: 'Export to orgs.xlsx',
    createdAt: '',
    updatedAt: '',
    counts: { pages: 0, rows: 0 },
    current: 0,
    total: 10,
    tokensSpent: 0,
    reports: [],
    connection: 'Sandbox',
    ...extra,
  }) as JobSummary;

const progress = (current: number, total: number | null) => ({
  jobId: 'j1',
  budgetLeft: null,
  progress: {
    kind: 'export' as const,
    phase: 'fetching' as const,
    current,
    total,
    rate: 1,
    etaSeconds: null,
    tokensSpent: 0,
    title: 't',
    counts: { pages: 0, rows: current },
  },
});

describe('JobFeedback', () => {
  it('shows taskbar progress while a job runs and clears it when it ends', () => {
    const feedback = new JobFeedback();
    expect(feedback.progress(progress(5, 10))).toEqual({ value: 0.5, mode: 'normal' });
    expect(feedback.state(summary('paused', { current: 5 })).taskbar).toEqual({ value: 0.5, mode: 'paused' });
    expect(feedback.progress(progress(5, null))).toEqual({ value: 0, mode: 'paused' });
    const ended = feedback.state(summary('done'));
    expect(ended.taskbar).toEqual({ value: -1, mode: 'none' });
    expect(ended.notify).toEqual({ title: 'Job finished', body: 'Export to orgs.xlsx' });
  });

  it('is indeterminate when a total is unknown', () => {
    const feedback = new JobFeedback();
    expect(feedback.progress(progress(5, null))).toEqual({ value: 2, mode: 'indeterminate' });
  });

  it('notifies on endings only, with the reason', () => {
    expect(jobNotification(summary('running'))).toBeNull();
    expect(
      jobNotification(summary('failed', { error: { kind: 'unexpected', message: 'Disk full.' } }))?.body,
    ).toBe('Export to orgs.xlsx: Disk full.');
    expect(jobNotification(summary('stopped'))?.title).toBe('Job stopped');
  });
});
