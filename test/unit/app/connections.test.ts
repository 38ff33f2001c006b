import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActiveConnection } from '../../../shared/ipc.ts';
import { ProfileStore } from '../../../electron/engine/app/connection-profiles.ts';
import { ConnectionService } from '../../../electron/engine/app/connections.ts';
import { EventHub } from '../../../electron/engine/app/event-hub.ts';
import { MemorySecretStore } from '../../../electron/engine/app/secret-store.ts';
import { SettingsFile } from '../../../electron/engine/app/settings-file.ts';
import { PipedriveClient } from '../../../electron/engine/pipedrive/index.ts';
import { startSandbox, type RunningSandbox } from '../../../electron/engine/sandbox/index.ts';

const TOKEN = 'unit-test-token-123';
let sandbox: RunningSandbox;
let dir: string;

beforeAll(async () => {
  // Only TOKEN is accepted (and the sandbox profile's own token), so a wrong token gets a real 401.
  sandbox = await startSandbox({ organizations: 3, tokens: [TOKEN, 'sandbox'] });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orgport-conn-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function service() {
  const events = new EventHub();
  const changes: Array<ActiveConnection | null> = [];
  events.on('connection/changed', (active) => changes.push(active));
  const secrets = new MemorySecretStore();
  const startSandbox = vi.fn(async () => ({
    url: sandbox.url,
    dailyBudget: 1000,
    budgetLeft: () => 900,
    close: async () => {},
  }));
  const connections = new ConnectionService({
    profiles: new ProfileStore(new SettingsFile(path.join(dir, 'settings.json'))),
    secrets,
    events,
    startSandbox,
    createClient: (connection) => new PipedriveClient(connection, { maxAttempts: 1 }),
  });
  return { connections, changes, secrets, startSandbox };
}

describe('ConnectionService', () => {
  it('starts with the built-in sandbox profile', async () => {
    const { connections } = service();
    const list = await connections.list();
    expect(list.map((p) => [p.id, p.kind, p.hasToken])).toEqual([['sandbox', 'sandbox', false]]);
  });

  it('saves a Pipedrive profile without ever returning or writing the token', async () => {
    const { connections, secrets } = service();
    const saved = await connections.save({
      name: 'Acme',
      kind: 'pipedrive',
      baseUrl: sandbox.url,
      token: TOKEN,
    });
    expect(saved).toMatchObject({ name: 'Acme', kind: 'pipedrive', baseUrl: sandbox.url, hasToken: true });
    expect(JSON.stringify(saved)).not.toContain(TOKEN);
    expect(JSON.stringify(await connections.list())).not.toContain(TOKEN);
    expect(await readFile(path.join(dir, 'settings.json'), 'utf8')).not.toContain(TOKEN);
    expect(await secrets.get(saved.id)).toBe(TOKEN);
  });

  it('requires a token for a new Pipedrive profile and a valid base URL', async () => {
    const { connections } = service();
    await expect(connections.save({ name: 'A', kind: 'pipedrive', baseUrl: 'acme' })).rejects.toMatchObject({
      kind: 'invalid_request',
    });
    await expect(
      connections.save({ name: 'A', kind: 'pipedrive', baseUrl: 'ftp://x', token: 't' }),
    ).rejects.toThrow(/not http\(s\)/);
  });

  it('tests a draft: user, company and the rate limit seen in the headers', async () => {
    const { connections } = service();
    const result = await connections.test({
      draft: { name: 'x', kind: 'pipedrive', baseUrl: sandbox.url, token: TOKEN },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.account.user.email).toMatch(/@/);
    expect(result.account.company.name).not.toBe('');
    expect(result.account.rateLimit).toMatchObject({ limit: 40, windowSeconds: 2 });
  });

  it('reports a refused token as a result, not a thrown error, and without the token', async () => {
    const { connections } = service();
    const wrong = 'wrong-token-456';
    const result = await connections.test({
      draft: { name: 'x', kind: 'pipedrive', baseUrl: sandbox.url, token: wrong },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('unauthorized');
    expect(result.error.message).not.toContain(wrong);
  });

  it('activates, tells listeners, and disconnects when the active profile is deleted', async () => {
    const { connections, changes } = service();
    const saved = await connections.save({
      name: 'Acme',
      kind: 'pipedrive',
      baseUrl: sandbox.url,
      token: TOKEN,
    });
    const active = await connections.activate(saved.id);
    expect(active.profile.id).toBe(saved.id);
    expect(connections.active()?.account.company.name).toBe(active.account.company.name);
    expect(connections.requireLive().label).toContain(active.account.user.email);
    await connections.delete(saved.id);
    expect(connections.active()).toBeNull();
    expect(changes.map((c) => c?.profile.id ?? null)).toEqual([saved.id, null]);
    expect(() => connections.requireLive()).toThrow(expect.objectContaining({ kind: 'not_connected' }));
  });

  it('starts the sandbox once, on first use, and restores the last active profile', async () => {
    const first = service();
    await first.connections.test({ profileId: 'sandbox' });
    await first.connections.activate('sandbox');
    expect(first.startSandbox).toHaveBeenCalledTimes(1);
    expect(await first.connections.budgetLeft(null)).toBe(900);

    const second = service();
    await second.connections.restoreLast();
    expect(second.connections.active()?.profile.id).toBe('sandbox');
  });

  it('refuses to delete the sandbox profile', async () => {
    const { connections } = service();
    await expect(connections.delete('sandbox')).rejects.toMatchObject({ kind: 'invalid_request' });
  });
});
