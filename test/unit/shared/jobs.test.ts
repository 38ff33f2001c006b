import { describe, expect, it } from 'vitest';
import {
  JOB_KINDS,
  JOB_TRANSITIONS,
  assertNever,
  canTransition,
  emptyCounts,
  failedCount,
  isFinalState,
  jobExitCode,
} from '../../../shared/jobs.ts';
import type { JobState, JobSummary } from '../../../shared/jobs.ts';

const summary = (state: JobState, kind: JobSummary['kind'] = 'import', failed = 0): JobSummary =>
  ({
    id: '20261128-111706-ab12',
    kind,
    state,
    title: 't',
    createdAt: '',
    updatedAt: '',
    counts: { ...emptyCounts(kind), ...(kind === 'export' ? {} : { failed }) },
    current: 0,
    total: null,
    tokensSpent: 0,
    reports: [],
    connection: 'Sandbox',
  }) as JobSummary;

describe('job states', () => {
  it('allows pause, resume and the endings, and nothing out of a final state', () => {
    expect(canTransition('running', 'paused')).toBe(true);
    expect(canTransition('paused', 'running')).toBe(true);
    expect(canTransition('stopped', 'running')).toBe(true);
    expect(canTransition('queued', 'paused')).toBe(false);
    expect(canTransition('done', 'running')).toBe(false);
    expect((Object.keys(JOB_TRANSITIONS) as JobState[]).filter(isFinalState).sort()).toEqual([
      'cancelled',
      'done',
      'failed',
    ]);
  });

  it('starts every kind at zero', () => {
    expect(JOB_KINDS.map((kind) => emptyCounts(kind))).toEqual([
      { created: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0 },
      { pages: 0, rows: 0 },
      { deleted: 0, notFound: 0, skipped: 0, failed: 0 },
    ]);
  });

  it('maps an ended job to the CLI exit code of design.md', () => {
    expect(jobExitCode(summary('done'))).toBe(0);
    expect(jobExitCode(summary('done', 'import', 3))).toBe(1);
    expect(jobExitCode(summary('done', 'delete', 1))).toBe(1);
    expect(jobExitCode(summary('done', 'export'))).toBe(0);
    expect(jobExitCode(summary('failed'))).toBe(1);
    expect(jobExitCode(summary('stopped'))).toBe(3);
    expect(jobExitCode(summary('cancelled'))).toBe(3);
    expect(failedCount(summary('done', 'delete', 4))).toBe(4);
  });

  it('assertNever throws if an impossible value gets through', () => {
    expect(() => assertNever('surprise' as never)).toThrow(/Unexpected value: "surprise"/);
  });
});
