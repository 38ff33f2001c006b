/**
 * Pause, resume, cancel and stop for one running job, and `runBatch`, which runs a job's items through
 * p-limit under that control.
 *
 * - Cancel and stop abort the job's `AbortSignal` (passed to every request, so in-flight requests end
 *   now) and clear the p-limit queue (so queued items never start). Cancel ends the job for good;
 *   stop ends this run only (quit, budget, network) and the job can be resumed.
 * - Pause does not abort anything: requests already in flight finish and are recorded, then every
 *   item waits at `checkpoint()` until resume. That way a pause never leaves an item half done.
 */
import pLimit from 'p-limit';
import { canTransition } from '../../../../shared/jobs.ts';
import type { StopReason } from '../../../../shared/jobs.ts';
import { JobCancelledError, JobStateError, JobStoppedError, stopReasonOf } from './job-errors.ts';

/** Where a control is: the job states a run can be in while its worker runs. */
export type ControlState = 'running' | 'paused' | 'cancelled' | 'stopped';

/** The pause gate and abort signal of one run of a job. */
export class JobControl {
  private readonly controller = new AbortController();
  private readonly abortedPromise: Promise<void>;
  private current: ControlState = 'running';
  private gate: { promise: Promise<void>; open: () => void } | undefined;
  private readonly listeners = new Set<(state: ControlState) => void>();

  constructor() {
    this.abortedPromise = new Promise((resolve) => {
      this.controller.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }

  /** Aborted on cancel or stop; its `reason` is a JobCancelledError or a stop error. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The current state. */
  get state(): ControlState {
    return this.current;
  }

  /** Holds items at their next checkpoint; in-flight work finishes. Only a running job can pause. */
  pause(): void {
    this.transition('paused');
    let open = (): void => undefined;
    const promise = new Promise<void>((resolve) => {
      open = resolve;
    });
    this.gate = { promise, open };
    this.notify();
  }

  /** Lets held items go on. Only a paused job can resume. */
  resume(): void {
    this.transition('running');
    this.openGate();
    this.notify();
  }

  /** Cancels the job: aborts in-flight requests, drops queued items. Does nothing once ended. */
  cancel(message?: string): void {
    this.end('cancelled', new JobCancelledError(message));
  }

  /**
   * Stops this run so the job can be resumed later: for a reason (`'interrupted'` on quit), or with
   * the error that made going on pointless (a budget-exhausted error carrying `stopReason`).
   */
  stop(cause: StopReason | Error): void {
    const reason =
      typeof cause === 'string'
        ? new JobStoppedError(cause)
        : stopReasonOf(cause)
          ? cause
          : new JobStoppedError('interrupted', cause.message);
    this.end('stopped', reason);
  }

  /**
   * Call between items: returns at once while running, waits while paused, and throws the abort
   * reason once cancelled or stopped.
   */
  async checkpoint(): Promise<void> {
    for (;;) {
      this.signal.throwIfAborted();
      const gate = this.gate;
      if (gate === undefined) return;
      await Promise.race([gate.promise, this.abortedPromise]);
    }
  }

  /** Calls `listener` on every state change; returns an unsubscribe function. */
  onChange(listener: (state: ControlState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private end(state: 'cancelled' | 'stopped', reason: Error): void {
    if (this.signal.aborted) return; // a second cancel, or a cancel racing a stop: the first wins
    this.current = state;
    this.controller.abort(reason);
    this.openGate();
    this.notify();
  }

  private transition(to: 'running' | 'paused'): void {
    // A stopped job is resumed by a new run (the job manager), never by its old control.
    if (this.signal.aborted || !canTransition(this.current, to)) {
      const verb = to === 'paused' ? 'pause' : 'resume';
      throw new JobStateError(`Cannot ${verb} a job that is ${this.current}.`);
    }
    this.current = to;
  }

  private openGate(): void {
    this.gate?.open();
    this.gate = undefined;
  }

  private notify(): void {
    for (const listener of this.listeners) listener(this.current);
  }
}

/** How one item of a batch ended. */
export type BatchResult<I, R> =
  | { readonly status: 'fulfilled'; readonly item: I; readonly index: number; readonly value: R }
  | { readonly status: 'rejected'; readonly item: I; readonly index: number; readonly reason: unknown }
  /** Started, then cut off by cancel or stop: whether it took effect is unknown (see journal intents). */
  | { readonly status: 'aborted'; readonly item: I; readonly index: number; readonly reason: unknown }
  /** Never started: the job was cancelled or stopped first. */
  | { readonly status: 'not-run'; readonly item: I; readonly index: number };

/** An item that ran to an outcome: what `onSettled` receives. */
export type SettledItem<I, R> = Extract<BatchResult<I, R>, { status: 'fulfilled' | 'rejected' }>;

/** Options of `runBatch`. */
export interface BatchOptions<I, R> {
  /** A fixed limit, or a function read before and after every item (the rate governor's say). */
  readonly concurrency: number | (() => number);
  readonly control: JobControl;
  /**
   * Called once per item that ran to an outcome, in completion order, before its concurrency slot is
   * freed — the place to journal the outcome. Aborted and never-run items are not reported, so a
   * stopped job redoes them on resume. If it throws, no further item starts and runBatch rethrows.
   */
  readonly onSettled?: (result: SettledItem<I, R>) => void | Promise<void>;
}

/** What each item's worker receives. */
export interface ItemContext {
  readonly signal: AbortSignal;
  readonly index: number;
}

/**
 * Runs `worker` over `items` with p-limit, settling every item (a failed item does not stop the
 * others). An item error carrying a `stopReason` (budget, token refused, network down) stops the whole
 * job. Resolves with one result per item, in input order; rejects with the abort reason when the job
 * was cancelled or stopped, after every in-flight item has settled.
 */
export async function runBatch<I, R>(
  items: Iterable<I>,
  worker: (item: I, context: ItemContext) => Promise<R>,
  options: BatchOptions<I, R>,
): Promise<Array<BatchResult<I, R>>> {
  const { control, onSettled } = options;
  const fixed = options.concurrency;
  const wanted = typeof fixed === 'function' ? fixed : () => fixed;
  const limit = pLimit({ concurrency: validConcurrency(wanted()), rejectOnClear: true });
  const adjust = (): void => {
    const next = validConcurrency(wanted());
    if (next !== limit.concurrency) limit.concurrency = next;
  };
  let sinkError: { error: unknown } | undefined;
  const dropQueue = (): void => limit.clearQueue();
  control.signal.addEventListener('abort', dropQueue, { once: true });

  const runOne = async (item: I, index: number): Promise<BatchResult<I, R>> => {
    adjust();
    try {
      await control.checkpoint();
    } catch {
      return { status: 'not-run', item, index };
    }
    if (sinkError) return { status: 'not-run', item, index };
    let result: BatchResult<I, R>;
    try {
      result = {
        status: 'fulfilled',
        item,
        index,
        value: await worker(item, { signal: control.signal, index }),
      };
    } catch (reason) {
      const stopReason = stopReasonOf(reason);
      if (stopReason && !control.signal.aborted) control.stop(reason instanceof Error ? reason : stopReason);
      result = control.signal.aborted
        ? { status: 'aborted', item, index, reason }
        : { status: 'rejected', item, index, reason };
    }
    if (onSettled && (result.status === 'fulfilled' || result.status === 'rejected') && !sinkError) {
      try {
        await onSettled(result);
      } catch (error) {
        sinkError = { error };
        limit.clearQueue();
      }
    }
    adjust();
    return result;
  };

  try {
    const results = await Promise.all(
      Array.from(items, (item, index) =>
        // Rejection only comes from clearQueue (runOne catches the rest): the item never started.
        limit(runOne, item, index).catch((): BatchResult<I, R> => ({ status: 'not-run', item, index })),
      ),
    );
    if (sinkError) throw sinkError.error;
    control.signal.throwIfAborted();
    return results;
  } finally {
    control.signal.removeEventListener('abort', dropQueue);
  }
}

function validConcurrency(value: number): number {
  if (value === Number.POSITIVE_INFINITY) return value;
  return Number.isFinite(value) ? Math.max(1, Math.floor(value)) : 1;
}
