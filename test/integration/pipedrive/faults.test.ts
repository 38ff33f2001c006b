import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  PipedriveClient,
  isPipedriveError,
  resetConnectionStates,
  type PipedriveError,
  type PipedriveEvent,
} from '../../../electron/engine/pipedrive/index.ts';
import { startSandbox, type FaultKind, type RunningSandbox } from '../../../electron/engine/sandbox/index.ts';

const TOKEN = 'SECRET-token-never-print-7f3a9c21';
let sandbox: RunningSandbox;
let client: PipedriveClient;
let captured: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ organizations: 40, seed: 5, burst: 120, tokens: [TOKEN] });
});
afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  resetConnectionStates();
  sandbox.control.clearFaults();
  sandbox.control.setOptions({
    serverErrorRate: 0,
    dropRate: 0,
    lostResponseRate: 0,
    bulkDeleteEnabled: true,
  });
  captured = [];
  // What a verbose CLI run prints: every event, through the console, which the test captures.
  for (const method of ['log', 'info', 'warn', 'error'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      captured.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    });
  }
  client = new PipedriveClient(
    { baseUrl: sandbox.url, auth: { kind: 'token', token: TOKEN } },
    {
      governor: { backoffBaseMs: 20, backoffCapMs: 100 },
      onEvent: (event: PipedriveEvent) => console.log('[pipedrive]', event),
      onRequest: (event) => console.info(`${event.method} ${event.path} → ${event.status ?? 'no response'}`),
    },
  );
});

afterEach(() => {
  const everything = [...captured, JSON.stringify(sandbox.control.requestLog)].join('\n');
  vi.restoreAllMocks();
  expect(captured.length).toBeGreaterThan(0);
  expect(everything).not.toContain(TOKEN);
});

async function caught(promise: Promise<unknown>): Promise<PipedriveError> {
  try {
    await promise;
  } catch (error) {
    if (isPipedriveError(error)) {
      console.error(error.message, error);
      return error;
    }
    throw error;
  }
  throw new Error('expected a PipedriveError');
}

const onPath = (method: string, prefix: string) => (m: string, p: string) =>
  m === method && p.startsWith(prefix);
const countNamed = (name: string): number =>
  sandbox.control.organizations({ includeDeleted: true }).filter((o) => o.name === name).length;
const requestsSince = (seq: number) => sandbox.control.requestLog.filter((e) => e.seq > seq);
const lastSeq = (): number => sandbox.control.requestLog.at(-1)?.seq ?? 0;

describe('each fault type, as the design says', () => {
  it.each(['serverError', 'drop', 'lostResponse', 'rateLimit'] as FaultKind[])(
    'a GET is retried after %s',
    async (kind) => {
      const id = sandbox.control.organizations()[0]!.id;
      sandbox.control.injectFault({ kind, match: onPath('GET', '/api/v2/organizations/') });
      const start = lastSeq();
      await expect(client.getOrganization(id)).resolves.toMatchObject({ id });
      expect(requestsSince(start)).toHaveLength(2);
      expect(client.usage().retries).toBe(1);
    },
  );

  it.each(['serverError', 'drop'] as FaultKind[])(
    'a POST hit by %s is not re-sent and is reported as maybe applied',
    async (kind) => {
      const name = `Post ${kind} ${Date.now()}`;
      sandbox.control.injectFault({ kind, match: onPath('POST', '/api/v2/organizations') });
      const start = lastSeq();
      const error = await caught(client.createOrganization({ name }));
      expect(error.maybeApplied).toBe(true);
      expect(error.kind).toBe(kind === 'serverError' ? 'server' : 'network');
      expect(requestsSince(start)).toHaveLength(1);
      expect(countNamed(name)).toBe(0); // the sandbox applied nothing; the client could not know that
    },
  );

  it('a POST whose response is lost is not re-sent: the organization exists exactly once', async () => {
    const name = `Lost create ${Date.now()}`;
    sandbox.control.injectFault({ kind: 'lostResponse', match: onPath('POST', '/api/v2/organizations') });
    const error = await caught(client.createOrganization({ name }));
    expect(error).toMatchObject({ kind: 'network', maybeApplied: true, retryable: false });
    expect(countNamed(name)).toBe(1);
  });

  it('a POST rate-limited by the burst window is retried and lands once', async () => {
    const name = `Limited create ${Date.now()}`;
    sandbox.control.injectFault({ kind: 'rateLimit', match: onPath('POST', '/api/v2/organizations') });
    await expect(client.createOrganization({ name })).resolves.toMatchObject({ name });
    expect(countNamed(name)).toBe(1);
    expect(client.usage()).toMatchObject({ rateLimited429s: 1, retries: 1 });
  });

  it('a PATCH whose response is lost is retried', async () => {
    const org = sandbox.control.organizations()[1]!;
    sandbox.control.injectFault({ kind: 'lostResponse', match: onPath('PATCH', '/api/v2/organizations/') });
    await expect(client.updateOrganization(org.id, { name: 'Patched after loss' })).resolves.toMatchObject({
      name: 'Patched after loss',
    });
    expect(sandbox.control.getOrganization(org.id)?.name).toBe('Patched after loss');
  });

  it('a DELETE whose response is lost comes back as alreadyGone', async () => {
    const org = sandbox.control.organizations()[2]!;
    sandbox.control.injectFault({ kind: 'lostResponse', match: onPath('DELETE', '/api/v2/organizations/') });
    await expect(client.deleteOrganization(org.id)).resolves.toEqual({ id: org.id, alreadyGone: true });
    expect(sandbox.control.getOrganization(org.id)?.is_deleted).toBe(true);
  });

  it('gives up on a GET after maxAttempts server errors', async () => {
    sandbox.control.injectFault({
      kind: 'serverError',
      status: 503,
      count: 6,
      match: onPath('GET', '/v1/users'),
    });
    const error = await caught(client.listUsers());
    expect(error).toMatchObject({ kind: 'server', status: 503, attempts: 6, retryable: true });
    sandbox.control.clearFaults();
  });

  it('survives random faults without ever creating a duplicate', async () => {
    sandbox.control.setOptions({ serverErrorRate: 0.1, dropRate: 0.05, lostResponseRate: 0.05 });
    const ids = sandbox.control.organizations().map((o) => o.id);
    for (const id of ids.slice(0, 30))
      await expect(client.getOrganization(id)).resolves.toMatchObject({ id });
    const names = Array.from({ length: 30 }, (_, i) => `Chaos ${i} ${Date.now()}`);
    for (const name of names) {
      try {
        await client.createOrganization({ name });
      } catch (error) {
        expect(isPipedriveError(error) && error.maybeApplied).toBe(true);
      }
    }
    sandbox.control.setOptions({ serverErrorRate: 0, dropRate: 0, lostResponseRate: 0 });
    for (const name of names) expect(countNamed(name)).toBeLessThanOrEqual(1);
    expect(client.usage().retries).toBeGreaterThan(0);
  });
});

describe('bulk delete against the sandbox', () => {
  it('uses the v1 endpoint and survives a lost response', async () => {
    const ids = sandbox.control
      .organizations()
      .slice(10, 16)
      .map((o) => o.id);
    sandbox.control.injectFault({ kind: 'lostResponse', match: onPath('DELETE', '/v1/organizations') });
    const result = await client.bulkDeleteOrganizations([...ids, 77_777_777]);
    expect(result.path).toBe('v1');
    // After a lost answer an id missing from the retry's list is "already gone": deleted by the lost
    // attempt or never there, which no API call can tell apart once it is deleted.
    const gone = [...result.deleted, ...result.alreadyGone, ...result.notFound].sort((a, b) => a - b);
    expect(gone).toEqual([...ids, 77_777_777]);
    expect(result.failed).toEqual([]);
    for (const id of ids) expect(sandbox.control.getOrganization(id)?.is_deleted).toBe(true);
  });

  it('falls back to v2 per-id deletes when v1 is out of support, and remembers it', async () => {
    sandbox.control.setOptions({ bulkDeleteEnabled: false });
    const ids = sandbox.control
      .organizations()
      .slice(16, 20)
      .map((o) => o.id);
    const first = await client.bulkDeleteOrganizations(ids.slice(0, 2));
    expect(first).toMatchObject({ path: 'v2', failed: [] });
    expect(first.deleted.sort((a, b) => a - b)).toEqual(ids.slice(0, 2));
    const start = lastSeq();
    const second = await client.bulkDeleteOrganizations(ids.slice(2));
    expect(second.path).toBe('v2');
    expect(requestsSince(start).every((e) => e.path.startsWith('/api/v2/organizations/'))).toBe(true);
  });
});

describe('Cloudflare block', () => {
  it('surfaces the HTML 403 that follows ignored 429s as a non-retryable forbidden error', async () => {
    const strict = await startSandbox({
      organizations: 5,
      burst: 1,
      cloudflareAfterIgnored429s: 2,
      tokens: [TOKEN],
    });
    try {
      // A careless client: hammer without waiting until Cloudflare steps in.
      for (let i = 0; i < 10; i++) {
        const res = await fetch(`${strict.url}/v1/users/me`, { headers: { 'x-api-token': TOKEN } });
        await res.text();
        if (res.status === 403) break;
      }
      const careful = new PipedriveClient({ baseUrl: strict.url, auth: { kind: 'token', token: TOKEN } });
      const start = strict.control.requestLog.length;
      const error = await caught(careful.getCurrentUser());
      expect(error).toMatchObject({
        kind: 'forbidden',
        status: 403,
        blockedByCloudflare: true,
        retryable: false,
      });
      expect(strict.control.requestLog.length - start).toBe(1);
    } finally {
      await strict.close();
    }
  });
});
