import { describe, expect, it } from 'vitest';
import {
  JobCancelledError,
  JobStoppedError,
  classifyJobError,
  stopReasonOf,
} from '../../../../electron/engine/jobs/core/job-errors.ts';
import { PipedriveError } from '../../../../electron/engine/pipedrive/errors.ts';
import { registerSecret } from '../../../../electron/engine/pipedrive/redact.ts';

describe('job errors', () => {
  it('recognises a stop by its stopReason, whatever class carries it', () => {
    expect(stopReasonOf(new JobStoppedError('network'))).toBe('network');
    expect(stopReasonOf({ stopReason: 'budget' })).toBe('budget');
    expect(stopReasonOf({ stopReason: 'nap-time' })).toBeUndefined();
    expect(stopReasonOf(new Error('x'))).toBeUndefined();
    expect(stopReasonOf(null)).toBeUndefined();
  });

  it('lets the abort reason of the job decide over the error the worker threw on the way out', () => {
    const controller = new AbortController();
    controller.abort(new JobStoppedError('interrupted'));
    const bareAbort = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    expect(classifyJobError(bareAbort, controller.signal)).toMatchObject({
      state: 'stopped',
      stopReason: 'interrupted',
      error: { kind: 'interrupted', message: expect.stringMatching(/Resume it/) },
    });
    const cancelled = new AbortController();
    cancelled.abort(new JobCancelledError());
    expect(classifyJobError(bareAbort, cancelled.signal)).toEqual({ state: 'cancelled' });
    // An AbortError the job did not ask for (a request timeout) is a failure, not a cancel.
    expect(classifyJobError(bareAbort, new AbortController().signal).state).toBe('failed');
  });

  it('maps the Pipedrive client errors that end a run, and only those', () => {
    const base = { method: 'POST', path: '/api/v2/organizations' };
    expect(stopReasonOf(new PipedriveError({ ...base, kind: 'budget_exhausted' }))).toBe('budget');
    expect(stopReasonOf(new PipedriveError({ ...base, kind: 'unauthorized', status: 401 }))).toBe(
      'unauthorized',
    );
    expect(stopReasonOf(new PipedriveError({ ...base, kind: 'network' }))).toBe('network');
    expect(
      stopReasonOf(
        new PipedriveError({ ...base, kind: 'forbidden', status: 403, blockedByCloudflare: true }),
      ),
    ).toBe('network');
    // A create whose answer was lost is a question about one row, not a network outage.
    expect(
      stopReasonOf(new PipedriveError({ ...base, kind: 'network', maybeApplied: true })),
    ).toBeUndefined();
    expect(stopReasonOf(new PipedriveError({ ...base, kind: 'validation', status: 400 }))).toBeUndefined();
    const budget = classifyJobError(new PipedriveError({ ...base, kind: 'budget_exhausted' }));
    expect(budget).toMatchObject({ state: 'stopped', stopReason: 'budget', error: { kind: 'budget' } });
    expect(budget.error?.message).toMatch(/daily Pipedrive API token budget/);
  });

  it('never lets a credential into a message', () => {
    expect(
      classifyJobError(new Error('GET https://x.test/v1/orgs?api_token=abc123&limit=5 failed')).error
        ?.message,
    ).toBe('Unexpected error: GET https://x.test/v1/orgs?api_token=[redacted]&limit=5 failed');
    registerSecret('0123456789abcdef-test-secret');
    expect(classifyJobError(new Error('token 0123456789abcdef-test-secret refused')).error?.message).toBe(
      'Unexpected error: token [redacted] refused',
    );
    expect(classifyJobError('a string').error?.message).toBe('Unexpected error: a string');
  });
});
