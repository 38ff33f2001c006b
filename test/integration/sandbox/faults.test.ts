import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../electron/engine/sandbox/index.ts';
import { call } from './http.ts';

describe('fault injection over HTTP', () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await startSandbox({ organizations: 50, burst: 100_000 });
  });
  afterAll(() => sb.close());
  const isPost = (method: string, path: string): boolean =>
    method === 'POST' && path === '/api/v2/organizations';

  it('drop: the connection dies before handling and nothing is applied', async () => {
    const before = sb.control.stats().organizations;
    sb.control.injectFault({ kind: 'drop', match: isPost });
    await expect(
      call(sb, 'POST', '/api/v2/organizations', { body: { name: 'Dropped Ltd' } }),
    ).rejects.toThrow();
    expect(sb.control.stats().organizations).toBe(before);
    expect(sb.control.organizations().some((o) => o.name === 'Dropped Ltd')).toBe(false);
    const last = sb.control.requestLog.at(-1);
    expect(last).toMatchObject({ outcome: 'dropped', status: null, cost: 0 });
  });

  it('lost response: the change IS applied, then the connection dies without an answer', async () => {
    sb.control.injectFault({ kind: 'lostResponse', match: isPost });
    await expect(
      call(sb, 'POST', '/api/v2/organizations', { body: { name: 'Landed Anyway Ltd' } }),
    ).rejects.toThrow();
    const landed = sb.control.organizations().filter((o) => o.name === 'Landed Anyway Ltd');
    expect(landed).toHaveLength(1);
    expect(sb.control.requestLog.at(-1)).toMatchObject({ outcome: 'lost-response', status: null, cost: 5 });
  });

  it('server error: a 500/503 envelope and nothing applied', async () => {
    sb.control.injectFault({ kind: 'serverError', status: 503, count: 2, match: (m) => m === 'PATCH' });
    const patch = (): ReturnType<typeof call> =>
      call(sb, 'PATCH', '/api/v2/organizations/3', { body: { name: 'Never' } });
    for (let i = 0; i < 2; i++) {
      const reply = await patch();
      expect(reply.status).toBe(503);
      expect(reply.json).toMatchObject({ success: false, data: null });
    }
    expect(sb.control.getOrganization(3)?.name).not.toBe('Never');
    expect((await patch()).status).toBe(200);
    expect(sb.control.getOrganization(3)?.name).toBe('Never');
  });

  it('rateLimit: a burst 429 on demand', async () => {
    sb.control.injectFault({ kind: 'rateLimit' });
    const reply = await call(sb, 'GET', '/api/v2/organizations/1');
    expect(reply.status).toBe(429);
    expect(reply.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('random faults at configured rates are reproducible for a seed', async () => {
    const outcomes = async (): Promise<string[]> => {
      const s = await startSandbox({
        organizations: 5,
        seed: 3,
        burst: 100_000,
        serverErrorRate: 0.2,
        dropRate: 0.2,
      });
      try {
        const out: string[] = [];
        for (let i = 0; i < 30; i++) {
          out.push(
            await call(s, 'GET', '/api/v2/organizations/1').then(
              (r) => String(r.status),
              () => 'dropped',
            ),
          );
        }
        return out;
      } finally {
        await s.close();
      }
    };
    const first = await outcomes();
    expect(await outcomes()).toEqual(first);
    expect(first).toContain('200');
    expect(first).toContain('dropped');
    expect(first.some((s) => s === '500' || s === '503')).toBe(true);
  });

  it('adds latency', async () => {
    sb.control.setOptions({ latencyMs: 150 });
    const t = performance.now();
    await call(sb, 'GET', '/api/v2/organizations/1');
    sb.control.setOptions({ latencyMs: 0 });
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
  });
});

describe('persistence', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'orgport-sandbox-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('saves on close and loads on the next start, with the same field keys and new ids continuing', async () => {
    const path = join(dir, 'sandbox.json');
    const first = await startSandbox({ organizations: 40, seed: 9, persistPath: path });
    const created = await call(first, 'POST', '/api/v2/organizations', { body: { name: 'Persisted Ltd' } });
    await call(first, 'DELETE', '/api/v2/organizations/2');
    const fieldKeys = first.control.fields().map((f) => f.key);
    await first.close();

    const second = await startSandbox({ organizations: 5, seed: 123, persistPath: path });
    try {
      expect(second.control.fields().map((f) => f.key)).toEqual(fieldKeys);
      expect(second.control.getOrganization(created.json.data.id)?.name).toBe('Persisted Ltd');
      expect(second.control.getOrganization(2)?.is_deleted).toBe(true);
      expect(second.control.stats().organizations).toBe(40);
      const next = await call(second, 'POST', '/api/v2/organizations', { body: { name: 'After Restart' } });
      expect(next.json.data.id).toBe(created.json.data.id + 1);
    } finally {
      await second.close();
    }
  });

  it('writes soon after a change without waiting for close', async () => {
    const path = join(dir, 'debounced.json');
    const s = await startSandbox({ organizations: 3, persistPath: path });
    try {
      await call(s, 'POST', '/api/v2/organizations', { body: { name: 'Debounced Ltd' } });
      await s.control.flush();
      expect(await readFile(path, 'utf8')).toContain('Debounced Ltd');
    } finally {
      await s.close();
    }
  });

  it('refuses a file that is not a sandbox file, naming it', async () => {
    const path = join(dir, 'broken.json');
    await writeFile(path, '{"hello":');
    await expect(startSandbox({ persistPath: path })).rejects.toThrow(/broken\.json is not valid JSON/);
    await writeFile(path, '{"hello":1}');
    await expect(startSandbox({ persistPath: path })).rejects.toThrow(/not an Orgport sandbox file/);
  });
});
