/**
 * The sandbox faults the reliability matrix needs besides the original four: a slow answer to an
 * applied change, a Cloudflare block started on demand, and the v1 bulk delete vanishing mid-run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SandboxClock } from '../../../electron/engine/sandbox/clock.ts';
import { FaultInjector } from '../../../electron/engine/sandbox/faults.ts';
import { startSandbox, type RunningSandbox } from '../../../electron/engine/sandbox/index.ts';
import { resolveOptions, type SandboxOptions } from '../../../electron/engine/sandbox/options.ts';
import { RateLimiter, type RateRequest } from '../../../electron/engine/sandbox/rate-limit.ts';

const injector = (options: SandboxOptions = {}): FaultInjector => {
  const resolved = resolveOptions(options);
  return new FaultInjector(resolved.seed, () => resolved);
};

describe('FaultInjector: slow and block', () => {
  it('hands a slow fault its delay after admission, and a block fault before admission', () => {
    const f = injector();
    f.inject({ kind: 'slow', delayMs: 1500, match: (method) => method === 'POST' });
    f.inject({ kind: 'slow' });
    f.inject({ kind: 'block' });
    expect(f.beforeAdmission('POST', '/x')).toEqual({ kind: 'block', status: 0 });
    expect(f.beforeAdmission('POST', '/x')).toBeNull();
    expect(f.afterAdmission('POST', '/x')).toEqual({ kind: 'slow', status: 0, delayMs: 1500 });
    expect(f.afterAdmission('GET', '/x')).toEqual({ kind: 'slow', status: 0, delayMs: 2000 });
    expect(f.pending()).toBe(0);
    expect(() => f.inject({ kind: 'slow', delayMs: -1 })).toThrow(/delayMs/);
  });
});

describe('RateLimiter.block', () => {
  it('blocks the token for the cool-off, then lets it start afresh', () => {
    const clock = new SandboxClock(true, Date.UTC(2026, 5, 1, 12));
    const options = resolveOptions({ cloudflareCoolOffMs: 5000 });
    const rl = new RateLimiter(() => options, clock);
    const req: RateRequest = { bearer: false, search: false, cost: 1, write: false };
    rl.block('a');
    expect(rl.admit('a', req).kind).toBe('blocked');
    expect(rl.admit('b', req).kind).toBe('ok');
    clock.advance(4999);
    expect(rl.admit('a', req).kind).toBe('blocked');
    clock.advance(1);
    expect(rl.admit('a', req).kind).toBe('ok');
  });
});

describe('options', () => {
  it('accepts bulkDeleteCallsLeft as a positive integer or null', () => {
    expect(resolveOptions({}).bulkDeleteCallsLeft).toBeNull();
    expect(resolveOptions({ bulkDeleteCallsLeft: 2 }).bulkDeleteCallsLeft).toBe(2);
    expect(() => resolveOptions({ bulkDeleteCallsLeft: 0 })).toThrow(/bulkDeleteCallsLeft/);
  });
});

describe('through HTTP', () => {
  let sb: RunningSandbox | undefined;
  afterEach(async () => {
    await sb?.close();
    sb = undefined;
  });
  const send = (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${sb?.url}${path}`, {
      method,
      headers: { 'x-api-token': 't', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('slow: the create is applied at once, its answer comes after the delay', async () => {
    sb = await startSandbox({ organizations: 0 });
    sb.control.injectFault({ kind: 'slow', delayMs: 400 });
    const started = performance.now();
    const pending = send('POST', '/api/v2/organizations', { name: 'Slowpoke' });
    // Applied before the answer: poll until it shows up, which happens well before the answer.
    while (sb.control.organizations().length === 0) await new Promise((r) => setTimeout(r, 5));
    const res = await pending;
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    expect(sb.control.organizations().map((o) => o.name)).toEqual(['Slowpoke']);
    expect(sb.control.requestLog.at(-1)).toMatchObject({ status: 200, outcome: 'ok' });
  });

  it('block: an HTML 403 from "cloudflare" for the cool-off, nothing applied, nothing spent', async () => {
    sb = await startSandbox({ organizations: 0, manualClock: true, cloudflareCoolOffMs: 60_000 });
    sb.control.injectFault({ kind: 'block' });
    const first = await send('POST', '/api/v2/organizations', { name: 'Blocked' });
    expect(first.status).toBe(403);
    expect(first.headers.get('content-type')).toMatch(/text\/html/);
    expect(first.headers.get('server')).toBe('cloudflare');
    expect(await first.text()).toMatch(/Cloudflare/);
    expect((await send('GET', '/v1/users/me')).status).toBe(403);
    expect(sb.control.organizations()).toEqual([]);
    expect(sb.control.stats()).toMatchObject({ blocked: 2, tokensSpent: 0 });
    sb.control.advanceClock(60_000);
    expect((await send('GET', '/v1/users/me')).status).toBe(200);
  });

  it('bulkDeleteCallsLeft: serves that many bulk deletes, then the endpoint is gone for good', async () => {
    sb = await startSandbox({ organizations: 6, bulkDeleteCallsLeft: 2 });
    expect((await send('DELETE', '/v1/organizations?ids=1,2')).status).toBe(200);
    expect(sb.control.options.bulkDeleteCallsLeft).toBe(1);
    // A refused call (bad ids) is not a served one.
    expect((await send('DELETE', '/v1/organizations?ids=x')).status).toBe(400);
    expect((await send('DELETE', '/v1/organizations?ids=3')).status).toBe(200);
    const gone = await send('DELETE', '/v1/organizations?ids=4');
    expect(gone.status).toBe(404);
    expect(sb.control.options).toMatchObject({ bulkDeleteEnabled: false, bulkDeleteCallsLeft: null });
    expect(
      sb.control
        .organizations({ includeDeleted: true })
        .filter((o) => o.is_deleted)
        .map((o) => o.id),
    ).toEqual([1, 2, 3]);
    // Per-id deletes keep working.
    expect((await send('DELETE', '/api/v2/organizations/4')).status).toBe(200);
  });
});
