import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBatch } from '../../../../electron/engine/jobs/core/job-control.ts';
import { JobStoppedError } from '../../../../electron/engine/jobs/core/job-errors.ts';
import { JobManager } from '../../../../electron/engine/jobs/core/job-manager.ts';
import type { JobDefinition } from '../../../../electron/engine/jobs/core/job-manager.ts';
import { JobBusyError, JobStore } from '../../../../electron/engine/jobs/core/job-store.ts';
import { readJournal } from '../../../../electron/engine/jobs/core/journal.ts';
import type { JobProgress, JobState, JobSummary } from '../../../../shared/jobs.ts';

interface Spec {
  rows: number;
}
interface Line {
  i: number;
  outcome: 'exported' | 'failed';
}
/** What the test injects at run time (in real jobs: the live connection). */
interface Env {
  /** Items actually done, across runs: checks nothing is done twice or skipped. */
  done: number[];
  beforeItem?: (item: number, signal: AbortSignal) => Promise<void> | void;
  afterBatch?: () => Promise<void> | void;
  onResumeFrom?: (outcomes: number) => void;
  /** Makes createWorker refuse, as a real job does for a connection that is not the spec's. */
  wrongAccount?: boolean;
}

/** A small export-like job: one journal line per row, progress after each. */
const definition: JobDefinition<'export', Spec, Line, Env> = {
  kind: 'export',
  parseSpec(raw) {
    if (typeof raw !== 'object' || raw === null || !('rows' in raw) || typeof raw.rows !== 'number') {
      throw new Error('The spec needs a number of rows.');
    }
    return { rows: raw.rows };
  },
  createWorker(spec, env) {
    if (env.wrongAccount) throw new Error('This job belongs to another Pipedrive account.');
    return {
      async run(ctx) {
        env.onResumeFrom?.(ctx.resumeFrom.outcomes.size);
        let rows = ctx.resumeFrom.outcomes.size;
        const progress = () =>
          ({
            kind: 'export',
            phase: 'writing',
            current: rows,
            total: spec.rows,
            counts: { pages: 0, rows },
            tokensSpent: ctx.previous.tokensSpent + rows,
            title: 'Test export',
          }) as const;
        ctx.progress.update(progress());
        const todo = Array.from({ length: spec.rows }, (_, i) => i).filter(
          (i) => !ctx.resumeFrom.outcomes.has(i),
        );
        await runBatch(
          todo,
          async (item, { signal }) => {
            await env.beforeItem?.(item, signal);
            env.done.push(item);
          },
          {
            concurrency: 2,
            control: ctx.control,
            onSettled: async (result) => {
              await ctx.journal.append({
                i: result.item,
                outcome: result.status === 'fulfilled' ? 'exported' : 'failed',
              });
              rows += 1;
              ctx.progress.update(progress());
            },
          },
        );
        await env.afterBatch?.();
        await ctx.addReport({ label: 'Exported file', path: path.join(ctx.paths.reports, 'out.csv') });
        return progress();
      },
    };
  },
};

let dir: string;
let store: JobStore;
let manager: JobManager<Env>;
let states: Array<[string, JobState]>;
let progress: JobProgress[];
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orgport-runner-'));
  store = new JobStore(path.join(dir, 'jobs'));
  manager = new JobManager<Env>(store, { stateWriteIntervalMs: 0 });
  manager.register(definition);
  states = [];
  progress = [];
  manager.onStateChange((summary) => states.push([summary.id, summary.state]));
  manager.onProgress((_id, p) => progress.push(p));
});
afterEach(async () => {
  await manager.stopAll();
  await rm(dir, { recursive: true, force: true });
});

const start = (env: Env, rows = 10) =>
  manager.start({ kind: 'export', spec: { rows }, title: 'Test export', connection: 'Sandbox', env });

async function stateOnDisk(id: string): Promise<JobSummary> {
  return JSON.parse(await readFile(store.paths(id).stateFile, 'utf8')) as JobSummary;
}

async function waitFor(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let k = 0; k < 1000; k += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not met in 10 s');
}

describe('job runner and manager', () => {
  it('runs a job to done, journaling every item and keeping state.json and listeners current', async () => {
    const env: Env = { done: [] };
    const run = await start(env, 25);
    const summary = await run.done;

    expect(summary).toMatchObject({
      state: 'done',
      counts: { rows: 25 },
      current: 25,
      total: 25,
      tokensSpent: 25,
    });
    expect(summary.reports).toEqual([
      { label: 'Exported file', path: path.join(store.paths(run.id).reports, 'out.csv') },
    ]);
    expect(await stateOnDisk(run.id)).toEqual(summary);
    expect(env.done.sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect((await readJournal(store.paths(run.id).journal)).outcomes.size).toBe(25);
    expect(states.map(([, state]) => state)).toEqual(['running', 'done']);
    expect(progress[0]?.current).toBe(0);
    expect(progress.at(-1)?.current).toBe(25);
    expect(manager.listRunning()).toEqual([]);
    expect((await manager.history()).map((job) => job.state)).toEqual(['done']);
  });

  it.each([
    ['a stop error', new JobStoppedError('budget'), 'stopped', 'budget', /budget/],
    [
      'any error carrying a stop reason',
      Object.assign(new Error('Pipedrive refused the token (401).'), { stopReason: 'unauthorized' }),
      'stopped',
      'unauthorized',
      /^Pipedrive refused the token \(401\)\.$/,
    ],
    [
      'an unexpected error',
      new TypeError('cannot read x of undefined at https://x.test/v1?api_token=abc123'),
      'failed',
      undefined,
      /^Unexpected error: cannot read x of undefined at https:\/\/x\.test\/v1\?api_token=\[redacted\]$/,
    ],
  ])('maps %s thrown by the worker to its final state', async (_name, thrown, state, stopReason, message) => {
    const failing = await start({
      done: [],
      afterBatch: () => {
        throw thrown;
      },
    });
    const summary = await failing.done;
    expect(summary.state).toBe(state);
    expect(summary.stopReason).toBe(stopReason);
    expect(summary.error?.message).toMatch(message);
    expect(await stateOnDisk(failing.id)).toEqual(summary);
    expect(JSON.stringify(summary)).not.toContain('abc123');
  });

  it('pauses and resumes a running job, saying so on disk and to listeners', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const env: Env = { done: [], beforeItem: (item) => (item === 0 ? held : undefined) };
    const run = await start(env, 6);
    await waitFor(() => env.done.length === 1); // item 1 done, item 0 held in flight
    manager.pause(run.id);
    await waitFor(async () => (await stateOnDisk(run.id)).state === 'paused');
    release();
    await waitFor(() => env.done.length === 2); // the in-flight item finishes…
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(env.done).toHaveLength(2); // …and nothing new starts
    expect(run.summary.state).toBe('paused');

    manager.resume(run.id);
    const summary = await run.done;
    expect(summary.state).toBe('done');
    expect(states.map(([, state]) => state)).toEqual(['running', 'paused', 'running', 'done']);
  });

  it('cancels a running job, and a worker that returns after a cancel still ends cancelled', async () => {
    const env: Env = {
      done: [],
      beforeItem: (item, signal) =>
        item === 1
          ? new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)))
          : undefined,
    };
    const run = await start(env, 4);
    await waitFor(() => env.done.includes(0));
    expect((await manager.cancel(run.id)).state).toBe('cancelled');
    expect((await stateOnDisk(run.id)).state).toBe('cancelled');

    let finishWorker!: () => void;
    const cancelled = new Promise<void>((resolve) => (finishWorker = resolve));
    const swallowing = await manager.start({
      kind: 'export',
      spec: { rows: 0 },
      title: 'Returns anyway',
      connection: 'Sandbox',
      env: { done: [], afterBatch: () => cancelled }, // ignores the signal and returns normally
    });
    swallowing.control.cancel();
    finishWorker();
    expect((await swallowing.done).state).toBe('cancelled');
  });

  it('stops every job on quit and resumes the latest from disk with nothing done twice or lost', async () => {
    let stopAfter = 4;
    const env: Env = {
      done: [],
      beforeItem: (_item, signal) =>
        env.done.length >= stopAfter
          ? new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)))
          : undefined,
    };
    const run = await start(env, 12);
    await waitFor(() => env.done.length === 4);
    const [stopped] = await manager.stopAll();
    expect(stopped).toMatchObject({ state: 'stopped', stopReason: 'interrupted' });
    expect((await store.latestResumable())?.job.id).toBe(run.id);

    stopAfter = Infinity;
    let resumedWith = -1;
    const resumed = await manager.resumeStopped(undefined, {
      ...env,
      onResumeFrom: (n) => (resumedWith = n),
    });
    const summary = await resumed.done;
    expect(resumed.id).toBe(run.id);
    expect(resumedWith).toBe(4);
    expect(summary).toMatchObject({ state: 'done', counts: { rows: 12 } });
    expect(summary.stopReason).toBeUndefined();
    expect(env.done.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    await expect(manager.resumeStopped(run.id, env)).rejects.toThrow(/only a stopped job can be resumed/);
  });

  it('refuses to run a job that a live process holds', async () => {
    const env: Env = { done: [] };
    const run = await start(env, 1);
    await run.done;
    const summary = await stateOnDisk(run.id);
    await store.writeState({ ...summary, state: 'stopped' });
    await writeFile(store.paths(run.id).lock, JSON.stringify({ pid: process.ppid })); // alive: our parent
    await expect(manager.resumeStopped(run.id, env)).rejects.toBeInstanceOf(JobBusyError);
  });

  it('creates nothing when the spec or the connection is wrong, and never stores a token', async () => {
    await expect(
      manager.start({
        kind: 'export',
        spec: { nope: 1 },
        title: 'x',
        connection: 'Sandbox',
        env: { done: [] },
      }),
    ).rejects.toThrow(/needs a number of rows/);
    await expect(start({ done: [], wrongAccount: true })).rejects.toThrow(/another Pipedrive account/);
    expect(await store.list()).toEqual([]);

    const run = await manager.start({
      kind: 'export',
      spec: { rows: 1, token: 'secret-token-value' },
      title: 'x',
      connection: 'Sandbox',
      env: { done: [] },
    });
    await run.done;
    expect(await readFile(store.paths(run.id).jobFile, 'utf8')).not.toContain('secret-token-value');
  });

  it('cancels a stopped job on disk so it no longer offers to resume', async () => {
    const run = await start({ done: [] }, 1);
    await run.done;
    await store.writeState({ ...(await stateOnDisk(run.id)), state: 'stopped', stopReason: 'network' });
    expect((await manager.cancel(run.id)).state).toBe('cancelled');
    expect(await store.latestResumable()).toBeUndefined();
    expect(states.at(-1)).toEqual([run.id, 'cancelled']);
  });
});
