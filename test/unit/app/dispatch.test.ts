import { describe, expect, it, vi } from 'vitest';
import type { InvokeHandlers } from '../../../shared/ipc.ts';
import { INVOKE_CHANNELS } from '../../../shared/ipc.ts';
import {
  ApiCallError,
  combineHandlers,
  dispatchInvoke,
  toApiError,
} from '../../../electron/engine/app/dispatch.ts';

function allHandlers(fn: (channel: string) => (args: unknown) => Promise<unknown>): InvokeHandlers {
  return Object.fromEntries(INVOKE_CHANNELS.map((c) => [c, fn(c)])) as unknown as InvokeHandlers;
}

describe('combineHandlers', () => {
  const [first, second] = [
    Object.fromEntries(INVOKE_CHANNELS.slice(0, 5).map((c) => [c, async () => c])),
    Object.fromEntries(INVOKE_CHANNELS.slice(5).map((c) => [c, async () => c])),
  ];

  it('merges feature groups into the full map', () => {
    const handlers = combineHandlers(first ?? {}, second ?? {});
    expect(Object.keys(handlers).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('throws at start-up when two groups claim one channel', () => {
    expect(() => combineHandlers(first ?? {}, second ?? {}, { 'job/list': async () => [] })).toThrow(
      'Two handler groups register the channel "job/list".',
    );
  });

  it('throws when a channel has no handler or a handler has no channel', () => {
    expect(() => combineHandlers(first ?? {})).toThrow(/No handler for: /);
    expect(() =>
      combineHandlers(first ?? {}, second ?? {}, { 'job/explode': async () => 1 } as never),
    ).toThrow(/not in the contract: job\/explode/);
  });
});

describe('dispatchInvoke', () => {
  it('runs a valid call and wraps the value', async () => {
    const handlers = allHandlers((c) => async (args) => ({ c, args }));
    expect(await dispatchInvoke(handlers, 'job/get', { jobId: 'j1' })).toEqual({
      ok: true,
      value: { c: 'job/get', args: { jobId: 'j1' } },
    });
  });

  it('rejects an unknown channel', async () => {
    const result = await dispatchInvoke(
      allHandlers(() => async () => 1),
      'fs/read',
      {},
    );
    expect(result).toEqual({
      ok: false,
      error: { kind: 'invalid_request', message: 'Unknown call "fs/read".' },
    });
  });

  it('rejects a malformed message whole: the handler never runs', async () => {
    const spy = vi.fn(async () => 1);
    const handlers = allHandlers(() => spy);
    const result = await dispatchInvoke(handlers, 'connection/save', {
      name: 'x',
      kind: 'pipedrive',
      token: 7,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('invalid_request');
      expect(result.error.message).toMatch(/^Invalid request to "connection\/save": token: /);
    }
    expect(spy).not.toHaveBeenCalled();
  });

  it('keeps the kind of errors handlers throw', async () => {
    const handlers = allHandlers(() => async () => {
      throw new ApiCallError('not_connected', 'Connect first.');
    });
    expect(await dispatchInvoke(handlers, 'fields/list', undefined)).toEqual({
      ok: false,
      error: { kind: 'not_connected', message: 'Connect first.' },
    });
  });
});

describe('toApiError', () => {
  it("maps the Pipedrive client's error kinds", () => {
    const error = Object.assign(new Error('Pipedrive rejected the credentials'), { kind: 'unauthorized' });
    expect(toApiError(error)).toEqual({
      kind: 'unauthorized',
      message: 'Pipedrive rejected the credentials',
    });
    const budget = Object.assign(new Error('used up'), { kind: 'budget_exhausted' });
    expect(toApiError(budget).kind).toBe('budget_exhausted');
  });

  it('treats anything else as internal, and non-errors generically', () => {
    expect(toApiError(new Error('boom'))).toEqual({ kind: 'internal', message: 'boom' });
    expect(toApiError('x')).toEqual({ kind: 'internal', message: 'Something went wrong.' });
  });
});
