import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobBusyError, JobStore, jobId } from '../../../../electron/engine/jobs/core/job-store.ts';
import { readProcessIdentity } from '../../../../electron/engine/jobs/core/process-identity.ts';
import type { ProcessIdentity } from '../../../../electron/engine/jobs/core/process-identity.ts';
import type { JobSummary } from '../../../../shared/jobs.ts';

let root: string;
let clock: number;
const now = (): Date => new Date(clock);
beforeEach(async () => {
  root = path.join(await mkdtemp(path.join(os.tmpdir(), 'orgport-store-')), 'jobs');
  clock = Date.parse('2026-11-28T11:17:06.000Z');
});
afterEach(async () => {
  await rm(path.dirname(root), { recursive: true, force: true });
});

const newJob = { kind: 'export', spec: { format: 'xlsx' }, title: 'Export', connection: 'Sandbox' } as const;

describe('job store', () => {
  it('makes ids that sort by time and carry a random part', () => {
    const id = jobId(new Date('2026-11-28T11:17:06.123Z'));
    expect(id).toMatch(/^20261128-111706-[0-9a-f]{4}$/);
    expect(jobId(new Date('2026-11-28T11:17:07Z')) > id).toBe(true);
  });

  it('creates a job folder with job.json, a queued state and a reports folder', async () => {
    const store = new JobStore(root, { now });
    const { job, summary, paths } = await store.create(newJob);
    expect(paths.dir).toBe(path.join(root, job.id));
    expect(JSON.parse(await readFile(paths.jobFile, 'utf8'))).toEqual({
      version: 1,
      id: job.id,
      kind: 'export',
      createdAt: '2026-11-28T11:17:06.000Z',
      spec: { format: 'xlsx' },
    });
    expect(summary).toMatchObject({ state: 'queued', counts: { pages: 0, rows: 0 }, connection: 'Sandbox' });
    // Queued with no process holding it: nobody will start it, so it reads as resumable.
    expect((await store.load(job.id)).summary).toEqual({
      ...summary,
      state: 'stopped',
      stopReason: 'interrupted',
    });
    expect(await readdir(paths.dir)).toEqual(expect.arrayContaining(['job.json', 'state.json', 'reports']));
  });

  it('never writes a token into job.json', async () => {
    const store = new JobStore(root, { now });
    const token = 'f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed';
    const { paths, job } = await store.create({
      ...newJob,
      spec: {
        token,
        connection: {
          baseUrl: `https://acme.pipedrive.com/v1?api_token=${token}`,
          apiToken: token,
          label: 'Acme',
        },
        items: [{ api_token: token, id: 1 }],
      },
    });
    const written = await readFile(paths.jobFile, 'utf8');
    expect(written).not.toContain(token);
    expect(job.spec).toEqual({
      connection: { baseUrl: 'https://acme.pipedrive.com/v1?api_token=[redacted]', label: 'Acme' },
      items: [{ id: 1 }],
    });
  });

  it('refuses a spec that is not JSON', async () => {
    const store = new JobStore(root, { now });
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    await expect(store.create({ ...newJob, spec: cyclic })).rejects.toThrow(/plain JSON/);
    await expect(store.create({ ...newJob, spec: 10n })).rejects.toThrow(/plain JSON/);
  });

  it('lists jobs newest first and finds the latest resumable one', async () => {
    const store = new JobStore(root, { now });
    const made: string[] = [];
    for (let k = 0; k < 4; k += 1) {
      made.push((await store.create(newJob)).job.id);
      clock += 1000;
    }
    const [first, second, third] = made as [string, string, string, string];
    const stop = async (id: string): Promise<void> => {
      const { summary } = await store.load(id);
      await store.writeState({ ...summary, state: 'stopped', stopReason: 'budget' });
    };
    await stop(first);
    await stop(second);
    const done = await store.load(third);
    await store.writeState({ ...done.summary, state: 'done' });

    expect((await store.list()).map((job) => job.job.id)).toEqual([...made].reverse());
    // The newest job is queued with no live process: it reads as interrupted, hence resumable.
    expect((await store.latestResumable())?.job.id).toBe(made[3]);
    await store.writeState({ ...(await store.load(made[3] as string)).summary, state: 'cancelled' });
    expect((await store.latestResumable())?.job.id).toBe(second);
  });

  it('lists nothing when there is no jobs folder, and skips a folder that is not a job', async () => {
    const store = new JobStore(root, { now });
    expect(await store.list()).toEqual([]);
    await store.create(newJob);
    await writeFile(path.join(root, 'stray.txt'), 'hello');
    expect(await store.list()).toHaveLength(1);
  });

  it('reads a job left running by a dead process as stopped (interrupted), a live one as running', async () => {
    let alive = true;
    const store = new JobStore(root, { now, isAlive: () => alive });
    const { job, summary } = await store.create(newJob);
    await store.writeState({ ...summary, state: 'running' });
    await writeFile(path.join(root, job.id, 'run.lock'), JSON.stringify({ pid: 999_999 }));
    expect((await store.load(job.id)).summary.state).toBe('running');
    alive = false;
    expect((await store.load(job.id)).summary).toMatchObject({ state: 'stopped', stopReason: 'interrupted' });
  });

  it('locks a job against a second live runner and takes over a dead one', async () => {
    let alive = true;
    const store = new JobStore(root, { now, isAlive: () => alive });
    const { job, paths } = await store.create(newJob);
    const release = await store.acquireLock(job.id);
    await writeFile(paths.lock, JSON.stringify({ pid: 424_242 })); // as if another process held it
    await expect(store.acquireLock(job.id)).rejects.toBeInstanceOf(JobBusyError);
    alive = false;
    const again = await store.acquireLock(job.id);
    expect(JSON.parse(await readFile(paths.lock, 'utf8'))).toMatchObject({ pid: process.pid });
    await again();
    await release(); // releasing twice is harmless
    expect(await readdir(paths.dir)).not.toContain('run.lock');
  });

  it('writes state.json atomically: concurrent writes never leave a torn or temporary file', async () => {
    const store = new JobStore(root, { now });
    const { summary, paths } = await store.create(newJob);
    const writes: Array<Promise<void>> = [];
    const reads: Array<Promise<unknown>> = [];
    for (let k = 0; k < 40; k += 1) {
      const next = { ...summary, current: k, title: 'x'.repeat(5000) } as JobSummary;
      writes.push(store.writeState(next));
      reads.push(readFile(paths.stateFile, 'utf8').then((text) => JSON.parse(text)));
    }
    await Promise.all(writes);
    for (const read of await Promise.all(reads)) expect(read).toMatchObject({ id: summary.id });
    expect((await readdir(paths.dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  describe('lock owners told apart beyond the pid', () => {
    const BOOT = 'cae5f736-81f4-4b28-8b96-f41758a7df81';
    const OWNER = 424_242;
    // Every pid answers signal 0; what /proc would say is in `seen`.
    const seen = new Map<number, ProcessIdentity>();
    const identify = async (pid: number): Promise<ProcessIdentity> => seen.get(pid) ?? {};
    const setup = async (lock: object): Promise<{ store: JobStore; id: string; lockFile: string }> => {
      seen.clear();
      seen.set(process.pid, { startTime: 7, bootId: BOOT });
      const store = new JobStore(root, { now, isAlive: () => true, identify });
      const { job, summary, paths } = await store.create(newJob);
      await store.writeState({ ...summary, state: 'running' });
      await writeFile(paths.lock, JSON.stringify({ since: '2026-11-28T10:00:00.000Z', ...lock }));
      return { store, id: job.id, lockFile: paths.lock };
    };
    const takeOver = async (store: JobStore, id: string, lockFile: string): Promise<void> => {
      expect((await store.load(id)).summary).toMatchObject({ state: 'stopped', stopReason: 'interrupted' });
      const release = await store.acquireLock(id);
      expect(JSON.parse(await readFile(lockFile, 'utf8'))).toEqual({
        pid: process.pid,
        startTime: 7,
        bootId: BOOT,
        since: '2026-11-28T11:17:06.000Z',
      });
      await release();
    };

    it('treats a lock whose pid now belongs to a later process as stale', async () => {
      const { store, id, lockFile } = await setup({ pid: OWNER, startTime: 100, bootId: BOOT });
      seen.set(OWNER, { startTime: 250, bootId: BOOT });
      await takeOver(store, id, lockFile);
    });

    it('treats a lock from an earlier boot as stale, even with the same pid and start time', async () => {
      const { store, id, lockFile } = await setup({ pid: OWNER, startTime: 100, bootId: 'e'.repeat(36) });
      seen.set(OWNER, { startTime: 100, bootId: BOOT });
      await takeOver(store, id, lockFile);
    });

    it('treats a lock left by an earlier instance of this very pid as stale', async () => {
      const { store, id, lockFile } = await setup({ pid: process.pid, startTime: 3, bootId: BOOT });
      await takeOver(store, id, lockFile);
    });

    it('still refuses a live owner that is the same process', async () => {
      const { store, id } = await setup({ pid: OWNER, startTime: 100, bootId: BOOT });
      seen.set(OWNER, { startTime: 100, bootId: BOOT });
      expect((await store.load(id)).summary.state).toBe('running');
      await expect(store.acquireLock(id)).rejects.toBeInstanceOf(JobBusyError);
    });

    it('trusts the pid of an old lock file that has no identity, and of an owner it cannot read', async () => {
      const { store, id, lockFile } = await setup({ pid: OWNER });
      seen.set(OWNER, { startTime: 250, bootId: BOOT });
      expect((await store.load(id)).summary.state).toBe('running');
      await expect(store.acquireLock(id)).rejects.toBeInstanceOf(JobBusyError);
      // Written with an identity, but /proc says nothing now (hidden, or another system): the pid decides.
      await writeFile(lockFile, JSON.stringify({ pid: OWNER, startTime: 100, bootId: BOOT }));
      seen.delete(OWNER);
      seen.delete(process.pid);
      await expect(store.acquireLock(id)).rejects.toBeInstanceOf(JobBusyError);
    });

    it('never trusts a lock with pid 0 or a negative pid', async () => {
      const { store, id, lockFile } = await setup({ pid: 0 });
      await takeOver(store, id, lockFile);
      await writeFile(lockFile, JSON.stringify({ pid: -1 }));
      await takeOver(store, id, lockFile);
    });
  });

  it('records what /proc says about this process in the lock, where there is a /proc', async () => {
    const store = new JobStore(root, { now });
    const { job, paths } = await store.create(newJob);
    const release = await store.acquireLock(job.id);
    const identity = await readProcessIdentity(process.pid);
    expect(JSON.parse(await readFile(paths.lock, 'utf8'))).toEqual({
      pid: process.pid,
      ...identity,
      since: '2026-11-28T11:17:06.000Z',
    });
    // A live lock of this process reads as live: the identity read back matches the one written.
    await store.writeState({ ...(await store.load(job.id)).summary, state: 'running' });
    expect((await store.load(job.id)).summary.state).toBe('running');
    await release();
  });

  it('removes the temporary files a killed writer left once it holds the lock, and nothing else', async () => {
    let alive = true;
    const store = new JobStore(root, { now, isAlive: () => alive, identify: async () => ({}) });
    const { job, paths } = await store.create(newJob);
    const leftovers = ['state.json.31337-0a1b2c.tmp', 'job.json.7-ffffff.tmp'];
    const kept = [
      'state.json.tmp',
      'state.json.31337-0a1b2c.tmp.bak',
      'state.json.31337-0A1B2C.tmp',
      'state.json.x-0a1b2c.tmp',
      'state.json.31337-0a1b2.tmp',
      'journal.jsonl.31337-0a1b2c.tmp',
      'xstate.json.31337-0a1b2c.tmp',
      'notes.tmp',
    ];
    for (const name of [...leftovers, ...kept]) await writeFile(path.join(paths.dir, name), '{"half');
    await mkdir(path.join(paths.reports, 'state.json.1-abcdef.tmp'));
    await writeFile(paths.lock, JSON.stringify({ pid: 424_242 }));
    // While the owner lives it may be writing them: they stay.
    await expect(store.acquireLock(job.id)).rejects.toBeInstanceOf(JobBusyError);
    expect(await readdir(paths.dir)).toEqual(expect.arrayContaining(leftovers));
    alive = false;
    const release = await store.acquireLock(job.id);
    const names = await readdir(paths.dir);
    for (const name of leftovers) expect(names).not.toContain(name);
    expect(names).toEqual(expect.arrayContaining([...kept, 'job.json', 'state.json', 'run.lock', 'reports']));
    expect(await readdir(paths.reports)).toEqual(['state.json.1-abcdef.tmp']);
    expect(JSON.parse(await readFile(paths.stateFile, 'utf8'))).toMatchObject({ id: job.id });
    await release();
  });

  it('rejects an id that could leave the jobs folder', () => {
    const store = new JobStore(root);
    expect(() => store.paths('../etc')).toThrow(/Not a job id/);
  });
});
