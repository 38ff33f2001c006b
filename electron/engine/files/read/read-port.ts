/**
 * `inspectFile` and `readRows` across a message port, so parsing can run in a worker thread (or a
 * utility process, with a small adapter) while the caller keeps the same API. The reading side sends
 * one batch per request, so a slow consumer never makes the worker buffer the file; dates and the
 * other cell types survive structured cloning; errors come back as `FileReadError`s. `copyRows` runs
 * whole in the worker: only its progress and its result (the store's index is transferred, not
 * copied) cross the port.
 */
import type { TransferListItem } from 'node:worker_threads';
import {
  copyRows,
  type CopiedFile,
  type CopyRowsOptions,
  type EarlyRows,
  type RowSink,
} from './copy-rows.ts';
import { FileReadError, displayName, throwIfAborted, type FileReadErrorCode } from './errors.ts';
import { inspectFile } from './inspect.ts';
import { openFile } from './open-file.ts';
import { storedBuffers } from './stored-rows.ts';
import type { FileSummary, ReadOptions, ReadRow } from './types.ts';

/** The part of a MessagePort (worker_threads `parentPort`, a `Worker`, a `MessageChannel` end) used here. */
export interface PortLike {
  postMessage(message: unknown, transfer?: ReadonlyArray<TransferListItem>): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

/** Options that can cross a port (an AbortSignal cannot: cancelling is a message). */
export type PortReadOptions = Omit<ReadOptions, 'signal'>;

/** The caller's side of the port: index.ts's API, plus a way to fail what is pending. */
export interface FileReadingClient {
  inspectFile(path: string, options?: ReadOptions): Promise<FileSummary>;
  readRows(path: string, options?: ReadOptions): AsyncGenerator<ReadRow>;
  copyRows(path: string, options: CopyRowsOptions): Promise<CopiedFile>;
  /** Rejects every pending request with `reason` (call it when the worker dies) and stops listening. */
  close(reason: Error): void;
}

type Request =
  | {
      readonly kind: 'inspect' | 'open';
      readonly id: number;
      readonly path: string;
      readonly options: PortReadOptions;
    }
  | {
      readonly kind: 'copy';
      readonly id: number;
      readonly path: string;
      readonly options: Omit<CopyRowsOptions, 'signal' | 'onProgress' | 'onEarly' | 'makeSink'>;
      /** True when the caller wants to be asked for a sink after the first rows. */
      readonly early: boolean;
    }
  | { readonly kind: 'sink'; readonly id: number; readonly spec: unknown }
  | { readonly kind: 'next' | 'cancel'; readonly id: number };

type Reply =
  | { readonly kind: 'summary'; readonly id: number; readonly summary: FileSummary }
  | { readonly kind: 'rows'; readonly id: number; readonly rows: ReadRow[] }
  | { readonly kind: 'done'; readonly id: number }
  | { readonly kind: 'progress'; readonly id: number; readonly rows: number }
  | { readonly kind: 'early'; readonly id: number; readonly early: EarlyRows }
  | { readonly kind: 'copied'; readonly id: number; readonly result: CopiedFile }
  | {
      readonly kind: 'error';
      readonly id: number;
      readonly code: FileReadErrorCode | null;
      readonly fileName: string;
      readonly message: string;
    };

interface OpenRead {
  readonly batches: AsyncGenerator<ReadRow[]>;
  readonly controller: AbortController;
  close(): Promise<void>;
}

/** What the serving side adds to the requests. */
export interface ServeOptions {
  /** Builds the sink a copy's rows also go to, from the spec the caller answers its first rows with. */
  readonly makeSink?: (spec: unknown) => RowSink;
}

/** Serves reading requests arriving on `port` (the worker side); returns a function that stops serving. */
export function serveFileReading(port: PortLike, serve: ServeOptions = {}): () => void {
  const reads = new Map<number, OpenRead>();
  const opening = new Map<number, AbortController>();
  const sinkSpecs = new Map<number, (spec: unknown) => void>();
  const reply = (message: Reply): void => port.postMessage(message);
  const fail = (id: number, error: unknown): void => {
    reads.delete(id);
    opening.delete(id);
    reply(
      error instanceof FileReadError
        ? { kind: 'error', id, code: error.code, fileName: error.fileName, message: error.message }
        : {
            kind: 'error',
            id,
            code: null,
            fileName: '',
            message: error instanceof Error ? error.message : String(error),
          },
    );
  };
  const stop = (read: OpenRead | undefined): void => {
    read?.controller.abort();
    // close() as well as return(): a generator that never started would skip its cleanup.
    void read?.batches.return(undefined).finally(() => read.close());
  };
  const listener = (message: unknown): void => {
    if (!isRequest(message)) return;
    const { id } = message;
    if (message.kind === 'inspect') {
      inspectFile(message.path, message.options).then(
        (summary) => reply({ kind: 'summary', id, summary }),
        (e: unknown) => fail(id, e),
      );
    } else if (message.kind === 'copy') {
      const controller = new AbortController();
      opening.set(id, controller);
      const onProgress = (rows: number): void => reply({ kind: 'progress', id, rows });
      const { makeSink } = serve;
      const onEarly = (early: EarlyRows): Promise<unknown> =>
        new Promise((resolve) => {
          const answer = (spec: unknown): void => {
            sinkSpecs.delete(id);
            controller.signal.removeEventListener('abort', noAnswer);
            resolve(spec);
          };
          const noAnswer = (): void => answer(null);
          sinkSpecs.set(id, answer);
          controller.signal.addEventListener('abort', noAnswer, { once: true });
          reply({ kind: 'early', id, early });
        });
      const sinkOptions = message.early && makeSink ? { onEarly, makeSink } : {};
      copyRows(message.path, {
        ...message.options,
        ...sinkOptions,
        signal: controller.signal,
        onProgress,
      }).then(
        (result) => {
          opening.delete(id);
          port.postMessage({ kind: 'copied', id, result } satisfies Reply, [
            ...storedBuffers(result.rows),
            ...(result.sink?.transfer ?? []),
          ]);
        },
        (e: unknown) => fail(id, e),
      );
    } else if (message.kind === 'sink') {
      sinkSpecs.get(id)?.(message.spec);
    } else if (message.kind === 'open') {
      const controller = new AbortController();
      opening.set(id, controller);
      openFile(message.path, { ...message.options, signal: controller.signal }).then(
        (file) => {
          opening.delete(id);
          const read = { batches: file.table.batches(), controller, close: () => file.table.close() };
          if (controller.signal.aborted) return stop(read); // cancelled while opening
          reads.set(id, read);
          reply({ kind: 'rows', id, rows: [] });
        },
        (e: unknown) => {
          opening.delete(id);
          fail(id, e);
        },
      );
    } else if (message.kind === 'next') {
      const read = reads.get(id);
      if (!read) {
        fail(id, new Error('This read was cancelled or has finished.'));
        return;
      }
      read.batches.next().then(
        (next) => {
          if (!next.done) return reply({ kind: 'rows', id, rows: next.value });
          reads.delete(id);
          reply({ kind: 'done', id });
        },
        (e: unknown) => fail(id, e),
      );
    } else {
      opening.get(id)?.abort();
      stop(reads.get(id));
      reads.delete(id);
    }
  };
  port.on('message', listener);
  return () => {
    port.off('message', listener);
    for (const controller of opening.values()) controller.abort();
    for (const read of reads.values()) stop(read);
    reads.clear();
  };
}

/** The caller's side: the same `inspectFile` / `readRows` as index.ts, served across `port`. */
export function connectFileReading(port: PortLike): FileReadingClient {
  let nextId = 1;
  let closedWith: Error | undefined;
  const waiting = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  const progress = new Map<number, (rows: number) => void>();
  const earlyAsks = new Map<number, (early: EarlyRows) => void>();
  const listener = (message: unknown): void => {
    if (!isReply(message)) return;
    if (message.kind === 'progress') return progress.get(message.id)?.(message.rows);
    if (message.kind === 'early') return earlyAsks.get(message.id)?.(message.early);
    const entry = waiting.get(message.id);
    waiting.delete(message.id);
    entry?.resolve(message);
  };
  port.on('message', listener);
  const ask = (request: Request): Promise<Reply> =>
    new Promise((resolve, reject) => {
      if (closedWith) return reject(closedWith);
      waiting.set(request.id, { resolve, reject });
      port.postMessage(request);
    });
  const portable = ({ signal: _signal, ...rest }: ReadOptions): PortReadOptions => rest;

  return {
    async inspectFile(path, options = {}) {
      const reply = await ask({ kind: 'inspect', id: nextId++, path, options: portable(options) });
      if (reply.kind === 'summary') return reply.summary;
      throw toError(reply);
    },
    async copyRows(path, { signal, onProgress, onEarly, makeSink: _theWorkersOwn, ...options }) {
      throwIfAborted(path, signal);
      const id = nextId++;
      const cancel = (): void => {
        if (!closedWith) port.postMessage({ kind: 'cancel', id } satisfies Request);
      };
      if (onProgress) progress.set(id, onProgress);
      if (onEarly) {
        earlyAsks.set(id, (early) => {
          const answer = (spec: unknown): void => {
            if (!closedWith) port.postMessage({ kind: 'sink', id, spec } satisfies Request);
          };
          onEarly(early).then(
            (spec) => answer(spec ?? null),
            () => answer(null),
          );
        });
      }
      signal?.addEventListener('abort', cancel, { once: true });
      try {
        const reply = await ask({ kind: 'copy', id, path, options, early: onEarly !== undefined });
        if (reply.kind === 'copied') return reply.result;
        throw toError(reply);
      } finally {
        progress.delete(id);
        earlyAsks.delete(id);
        signal?.removeEventListener('abort', cancel);
      }
    },
    async *readRows(path, options = {}) {
      const id = nextId++;
      const { signal } = options;
      let open = true;
      const cancel = (): void => {
        if (open && !closedWith) port.postMessage({ kind: 'cancel', id } satisfies Request);
        open = false;
      };
      signal?.addEventListener('abort', cancel, { once: true });
      try {
        for (let reply = await ask({ kind: 'open', id, path, options: portable(options) }); ;) {
          if (signal?.aborted) {
            const name = displayName(path);
            throw new FileReadError('aborted', name, `Reading "${name}" was cancelled.`);
          }
          if (reply.kind === 'error') {
            open = false;
            throw toError(reply);
          }
          if (reply.kind === 'done') {
            open = false;
            return;
          }
          if (reply.kind === 'rows') yield* reply.rows;
          if (signal?.aborted) continue; // the check above throws; no request for a cancelled read
          reply = await ask({ kind: 'next', id });
        }
      } finally {
        signal?.removeEventListener('abort', cancel);
        cancel();
      }
    },
    close(reason) {
      closedWith = reason;
      port.off('message', listener);
      for (const entry of waiting.values()) entry.reject(reason);
      waiting.clear();
    },
  };
}

function toError(reply: Reply): Error {
  if (reply.kind !== 'error') return new Error(`Unexpected reply "${reply.kind}" from the file reader.`);
  return reply.code === null
    ? new Error(reply.message)
    : new FileReadError(reply.code, reply.fileName, reply.message);
}

function isRequest(m: unknown): m is Request {
  return hasKind(m, ['inspect', 'open', 'copy', 'sink', 'next', 'cancel']);
}

function isReply(m: unknown): m is Reply {
  return hasKind(m, ['summary', 'rows', 'done', 'progress', 'early', 'copied', 'error']);
}

function hasKind(m: unknown, kinds: ReadonlyArray<string>): boolean {
  return typeof m === 'object' && m !== null && 'kind' in m && 'id' in m && kinds.includes(String(m.kind));
}
