import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { JobControl, runBatch } from '../../../../electron/engine/jobs/core/job-control.ts';
import type { ItemContext, SettledItem } from '../../../../electron/engine/jobs/core/job-control.ts';
import {
  JobCancelledError,
  JobStateError,
  JobStoppedError,
} from '../../../../electron/engine/jobs/core/job-errors.ts';

/** Lets queued microtasks and p-limit's hand-offs run. */
async function settle(): Promise<void> {
  for (let k = 0; k < 10; k += 1) await tick();
}

/**
 * A worker whose items stay in flight until the test finishes them. Like a real request it ends
 * with the signal's reason when the job is aborted.
 */
function controllableWorker() {
  const inFlight = new Map<number, { resolve: (value: string) => void; reject: (error: unknown) => void }>();
  const started: number[] = [];
  const workerSettled: Array<Promise<unknown>> = [];
  const worker = (item: number, { signal }: ItemContext): Promise<string> => {
    started.push(item);
    const promise = new Promise<string>((resolve, reject) => {
      inFlight.set(item, { resolve, reject });
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    }).finally(() => inFlight.delete(item));
    workerSettled.push(promise.catch(() => undefined));
    return promise;
  };
  const finish = (item: number, fail = false): void => {
    const entry = inFlight.get(item);
    if (!entry) throw new Error(`item ${item} is not in flight`);
    if (fail) entry.reject(new Error(`row ${item} refused`));
    else entry.resolve(`ok ${item}`);
  };
  return { worker, finish, started, inFlight, workerSettled };
}

describe('JobControl', () => {
  it('validates transitions', () => {
    const control = new JobControl();
    expect(() => control.resume()).toThrow(JobStateError);
    control.pause();
    expect(() => control.pause()).toThrow(/Cannot pause a job that is paused/);
    control.resume();
    expect(control.state).toBe('running');
    control.cancel();
    control.cancel(); // a second click does nothing
    control.stop('interrupted'); // nor does a stop after a cancel
    expect(control.state).toBe('cancelled');
    expect(control.signal.reason).toBeInstanceOf(JobCancelledError);
    expect(() => control.resume()).toThrow(JobStateError);
    expect(() => control.pause()).toThrow(JobStateError);
  });

  it('holds checkpoints while paused and releases them on resume or cancel', async () => {
    const control = new JobControl();
    const changes: string[] = [];
    control.onChange((state) => changes.push(state));
    await control.checkpoint(); // running: passes at once

    control.pause();
    let passed = false;
    const waiting = control.checkpoint().then(() => (passed = true));
    await settle();
    expect(passed).toBe(false);
    control.resume();
    await waiting;
    expect(passed).toBe(true);

    control.pause();
    const held = control.checkpoint();
    control.cancel('User cancelled');
    await expect(held).rejects.toBeInstanceOf(JobCancelledError);
    await expect(control.checkpoint()).rejects.toThrow('User cancelled');
    expect(changes).toEqual(['paused', 'running', 'paused', 'cancelled']);
  });

  it('stop keeps the stop reason of the error it is given', () => {
    const control = new JobControl();
    const budget = Object.assign(new Error('Daily budget used up'), { stopReason: 'budget' });
    control.stop(budget);
    expect(control.state).toBe('stopped');
    expect(control.signal.reason).toBe(budget);
  });
});

describe('runBatch', () => {
  it('runs every item within the concurrency, settles failures without stopping, reports each', async () => {
    const control = new JobControl();
    const { worker, finish, started } = controllableWorker();
    const reported: Array<SettledItem<number, string>> = [];
    const items = [0, 1, 2, 3, 4];
    const run = runBatch(items, worker, { concurrency: 2, control, onSettled: (r) => void reported.push(r) });
    await settle();
    expect(started).toEqual([0, 1]);
    finish(1, true);
    await settle();
    expect(started).toEqual([0, 1, 2]);
    for (const item of [0, 2, 3, 4]) {
      await settle();
      finish(item);
    }
    const results = await run;
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect(results[1]).toMatchObject({ status: 'rejected', index: 1, item: 1 });
    expect(reported.map((r) => r.index).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('pause lets in-flight items finish, then holds the rest until resume', async () => {
    const control = new JobControl();
    const { worker, finish, started } = controllableWorker();
    const reported: number[] = [];
    const run = runBatch([0, 1, 2, 3, 4, 5], worker, {
      concurrency: 2,
      control,
      onSettled: (r) => void reported.push(r.index),
    });
    await settle();
    control.pause();
    finish(0);
    finish(1);
    await settle();
    expect(reported).toEqual([0, 1]); // in-flight work was recorded
    expect(started).toEqual([0, 1]); // and nothing new started

    control.resume();
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const item of [2, 3, 4, 5]) {
      finish(item);
      await settle();
    }
    expect((await run).every((r) => r.status === 'fulfilled')).toBe(true);
  });

  it('cancel aborts in-flight items, never starts queued ones, and settles everything', async () => {
    const control = new JobControl();
    const { worker, finish, started, inFlight, workerSettled } = controllableWorker();
    const reported: number[] = [];
    const run = runBatch([0, 1, 2, 3, 4], worker, {
      concurrency: 2,
      control,
      onSettled: (r) => void reported.push(r.index),
    });
    await settle();
    finish(0);
    await settle();
    expect(started).toEqual([0, 1, 2]);

    control.cancel();
    await expect(run).rejects.toBeInstanceOf(JobCancelledError);
    expect(started).toEqual([0, 1, 2]); // 3 and 4 never started
    expect(inFlight.size).toBe(0); // 1 and 2 were aborted through their signal
    await Promise.all(workerSettled);
    expect(reported).toEqual([0]); // aborted items have no outcome to journal
  });

  it('cancel while paused drops the held items too', async () => {
    const control = new JobControl();
    const { worker, finish, started } = controllableWorker();
    const run = runBatch([0, 1, 2, 3], worker, { concurrency: 1, control });
    await settle();
    control.pause();
    finish(0);
    await settle();
    control.cancel();
    await expect(run).rejects.toBeInstanceOf(JobCancelledError);
    expect(started).toEqual([0]);
  });

  it('an item error carrying a stop reason stops the whole batch', async () => {
    const control = new JobControl();
    const { worker, started, inFlight } = controllableWorker();
    const run = runBatch([0, 1, 2, 3], worker, { concurrency: 2, control });
    await settle();
    const budget = new JobStoppedError('budget');
    inFlight.get(0)?.reject(budget);
    await expect(run).rejects.toBe(budget);
    expect(control.state).toBe('stopped');
    expect(started).toEqual([0, 1]);
  });

  it('follows a concurrency that changes while it runs', async () => {
    const control = new JobControl();
    let allowed = 1;
    let active = 0;
    const peaks: number[] = [];
    const run = runBatch(
      Array.from({ length: 40 }, (_, k) => k),
      async (item) => {
        active += 1;
        peaks[item] = active;
        if (item === 9) allowed = 4; // the governor opens up after a while
        await tick();
        await tick();
        active -= 1;
      },
      { concurrency: () => allowed, control },
    );
    await run;
    expect(Math.max(...peaks.slice(0, 9))).toBe(1);
    expect(Math.max(...peaks.slice(12))).toBe(4);
  });

  it('stops starting items and rethrows when recording an outcome fails', async () => {
    const control = new JobControl();
    const started: number[] = [];
    const diskFull = new Error('ENOSPC: no space left on device');
    const run = runBatch(
      [0, 1, 2, 3, 4],
      async (item) => {
        started.push(item);
        await tick();
      },
      {
        concurrency: 1,
        control,
        onSettled: (r) => {
          if (r.index === 1) throw diskFull;
        },
      },
    );
    await expect(run).rejects.toBe(diskFull);
    expect(started).toEqual([0, 1]);
  });
});
