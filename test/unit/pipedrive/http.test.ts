import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  PipedriveClient,
  isPipedriveError,
  resetConnectionStates,
  type PipedriveClientOptions,
  type PipedriveError,
  type PipedriveEvent,
} from '../../../electron/engine/pipedrive/index.ts';
import { fail, ok, rateHeaders, startStub, type Stub, type StubContext } from './stub-server.ts';

const TOKEN = 'tok_0123456789abcdef_SECRET';
let stub: Stub | null = null;
let events: PipedriveEvent[] = [];

beforeEach(() => {
  resetConnectionStates();
  events = [];
});
afterEach(async () => {
  await stub?.close();
  stub = null;
});

async function client(
  handler: (ctx: StubContext) => void | Promise<void>,
  options: PipedriveClientOptions = {},
): Promise<PipedriveClient> {
  stub = await startStub(handler);
  return new PipedriveClient(
    { baseUrl: stub.url, auth: { kind: 'token', token: TOKEN } },
    {
      maxAttempts: 4,
      governor: { backoffBaseMs: 10, backoffCapMs: 40, initialLimit: 1000 },
      onEvent: (e) => events.push(e),
      ...options,
    },
  );
}

async function caught(promise: Promise<unknown>): Promise<PipedriveError> {
  try {
    await promise;
  } catch (error) {
    if (isPipedriveError(error)) return error;
    throw error;
  }
  throw new Error('expected a PipedriveError');
}

const ORG = { id: 7, name: 'Acme' };

describe('retry policy', () => {
  it('never re-sends a POST whose response was lost, and says it may have been applied', async () => {
    const c = await client((ctx) => ctx.drop());
    const error = await caught(c.createOrganization({ name: 'Acme' }));
    expect(error.kind).toBe('network');
    expect(error.maybeApplied).toBe(true);
    expect(error.retryable).toBe(false);
    expect(stub?.requests).toHaveLength(1);
  });

  it('never re-sends a POST after a 5xx', async () => {
    const c = await client((ctx) => ctx.json(503, fail('Service unavailable')));
    const error = await caught(c.createOrganization({ name: 'Acme' }));
    expect(error).toMatchObject({ kind: 'server', status: 503, maybeApplied: true });
    expect(stub?.requests).toHaveLength(1);
  });

  it('re-sends a POST after a burst 429, which certainly was not processed', async () => {
    const c = await client((ctx) =>
      ctx.index === 0
        ? ctx.json(429, fail('Request over limit'), { ...rateHeaders(1000, 0, 0), 'retry-after': '0' })
        : ctx.json(200, ok(ORG), rateHeaders(1000, 998)),
    );
    await expect(c.createOrganization({ name: 'Acme' })).resolves.toEqual(ORG);
    expect(stub?.requests).toHaveLength(2);
    expect(c.usage()).toMatchObject({ requests: 2, rateLimited429s: 1, retries: 1, tokensSpent: 5 });
    expect(events.some((e) => e.type === 'rate-limited')).toBe(true);
  });

  it('retries a POST that could not even connect', async () => {
    const dead = await startStub((ctx) => ctx.json(200, ok(ORG)));
    const url = dead.url;
    await dead.close();
    const c = new PipedriveClient(
      { baseUrl: url, auth: { kind: 'token', token: TOKEN } },
      { maxAttempts: 3, governor: { backoffBaseMs: 5, backoffCapMs: 10 }, onEvent: (e) => events.push(e) },
    );
    const error = await caught(c.createOrganization({ name: 'Acme' }));
    expect(error).toMatchObject({ kind: 'network', code: 'ECONNREFUSED', maybeApplied: false, attempts: 3 });
    expect(events.filter((e) => e.type === 'request')).toHaveLength(3);
  });

  it('retries a PATCH after a lost response (PATCH is idempotent)', async () => {
    const c = await client((ctx) => (ctx.index === 0 ? ctx.drop() : ctx.json(200, ok(ORG))));
    await expect(c.updateOrganization(7, { name: 'Acme' })).resolves.toEqual(ORG);
    expect(stub?.requests.map((r) => r.method)).toEqual(['PATCH', 'PATCH']);
  });

  it('reports a DELETE whose answer was lost and whose retry finds nothing as alreadyGone', async () => {
    const c = await client((ctx) =>
      ctx.index === 0 ? ctx.drop() : ctx.json(404, fail('Entity was not found')),
    );
    await expect(c.deleteOrganization(7)).resolves.toEqual({ id: 7, alreadyGone: true });
  });

  it('reports a first-attempt 404 on DELETE as not_found', async () => {
    const c = await client((ctx) => ctx.json(404, fail('Entity was not found')));
    const error = await caught(c.deleteOrganization(7));
    expect(error).toMatchObject({ kind: 'not_found', status: 404, pipedriveMessage: 'Entity was not found' });
  });

  it('retries GETs on 5xx and gives up after maxAttempts', async () => {
    const c = await client((ctx) => ctx.json(500, fail('An internal server error occurred')));
    const error = await caught(c.getOrganization(7));
    expect(error).toMatchObject({
      kind: 'server',
      status: 500,
      attempts: 4,
      retryable: true,
      maybeApplied: false,
    });
    expect(stub?.requests).toHaveLength(4);
    expect(c.usage().retries).toBe(3);
  });

  it('does not retry a 400 and surfaces Pipedrive’s message', async () => {
    const c = await client((ctx) => ctx.json(400, fail('"name" is required.')));
    const error = await caught(c.createOrganization({}));
    expect(error).toMatchObject({ kind: 'validation', status: 400, pipedriveMessage: '"name" is required.' });
    expect(error.message).toContain('"name" is required.');
    expect(stub?.requests).toHaveLength(1);
  });

  it('stops at an exhausted daily budget without retrying, and then fails fast', async () => {
    const c = await client((ctx) =>
      ctx.json(429, fail('Request over limit: the daily API token budget is used up'), rateHeaders(40, 31)),
    );
    const error = await caught(c.listUsers());
    expect(error.kind).toBe('budget_exhausted');
    expect(error.retryable).toBe(false);
    const again = await caught(c.getOrganization(1));
    expect(again.kind).toBe('budget_exhausted');
    expect(stub?.requests).toHaveLength(1);
    expect(c.usage().budgetExhausted).toBe(true);
    expect(events.filter((e) => e.type === 'budget-exhausted')).toHaveLength(1);
  });

  it('times out a silent server: GET retried, POST not re-sent', async () => {
    const c = await client(() => undefined, { timeoutMs: 150, maxAttempts: 2 });
    const get = await caught(c.getOrganization(1));
    expect(get).toMatchObject({ kind: 'network', code: 'ETIMEDOUT', attempts: 2, maybeApplied: false });
    const post = await caught(c.createOrganization({ name: 'Acme' }));
    expect(post).toMatchObject({ kind: 'network', code: 'ETIMEDOUT', maybeApplied: true });
    expect(stub?.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('cancels through the AbortSignal, also while waiting to retry', async () => {
    const c = await client((ctx) => ctx.json(503, fail('Maintenance')), {
      governor: { backoffBaseMs: 5000, backoffCapMs: 5000, initialLimit: 1000 },
    });
    const controller = new AbortController();
    const pending = caught(c.getOrganization(1, {}, controller.signal));
    while (stub?.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect((await pending).kind).toBe('cancelled');
    const aborted = await caught(c.getOrganization(1, {}, AbortSignal.abort()));
    expect(aborted.kind).toBe('cancelled');
  });

  it('maps Cloudflare’s HTML 403 to a non-retryable forbidden error', async () => {
    const c = await client((ctx) => {
      ctx.res.writeHead(403, { 'content-type': 'text/html' });
      ctx.res.end('<!DOCTYPE html><html><title>Attention Required! | Cloudflare</title>blocked</html>');
    });
    const error = await caught(c.getOrganization(1));
    expect(error).toMatchObject({
      kind: 'forbidden',
      status: 403,
      blockedByCloudflare: true,
      retryable: false,
    });
    expect(stub?.requests).toHaveLength(1);
  });

  it('treats a 2xx that is not JSON as unexpected (wrong base URL)', async () => {
    const c = await client((ctx) => {
      ctx.res.writeHead(200, { 'content-type': 'text/html' });
      ctx.res.end('<html>login page</html>');
    });
    expect((await caught(c.getCurrentUser())).kind).toBe('unexpected');
  });
});

describe('secrets', () => {
  it('keeps the token out of every error, event and stringification', async () => {
    const outputs: string[] = [];
    const scenarios: Array<(ctx: StubContext) => void> = [
      (ctx) => ctx.drop(),
      (ctx) => ctx.json(401, { success: false, error: 'unauthorized access', errorCode: 401 }),
      (ctx) => ctx.json(400, fail(`bad token ${TOKEN} echoed by a proxy`)),
      (ctx) => ctx.json(500, fail('boom')),
      (ctx) => ctx.json(429, fail('daily budget'), rateHeaders(20, 5)),
    ];
    for (const scenario of scenarios) {
      resetConnectionStates();
      const c = await client(scenario, { maxAttempts: 1 });
      for (const call of [() => c.getOrganization(1), () => c.createOrganization({ name: 'x' })]) {
        const error = await caught(call());
        outputs.push(error.message, String(error), JSON.stringify(error), error.stack ?? '');
        let cause: unknown = error.cause;
        while (cause instanceof Error) {
          outputs.push(cause.message, cause.stack ?? '', JSON.stringify(cause));
          cause = cause.cause;
        }
      }
      expect(stub?.requests.every((r) => r.headers['x-api-token'] === TOKEN)).toBe(true);
      await stub?.close();
      stub = null;
    }
    outputs.push(JSON.stringify(events));
    const all = outputs.join('\n');
    expect(all).not.toContain(TOKEN);
    expect(all).toContain('[redacted]'); // the echoed token was masked, not dropped silently
  });

  it('sends OAuth tokens as a Bearer header and never in the URL', async () => {
    stub = await startStub((ctx) => ctx.json(200, ok({ id: 1, name: 'Me' })));
    const c = new PipedriveClient({
      baseUrl: stub.url,
      auth: { kind: 'oauth', accessToken: 'oauth-abc-123456' },
    });
    await c.getCurrentUser();
    const [req] = stub.requests;
    expect(req?.headers.authorization).toBe('Bearer oauth-abc-123456');
    expect(req?.headers['x-api-token']).toBeUndefined();
    expect(req?.url.search).toBe('');
  });
});
