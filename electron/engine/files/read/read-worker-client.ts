/**
 * Runs file reading in a worker thread, so parsing a large file never blocks the thread that
 * serves the window and IPC. The API is index.ts's (`inspectFile`, `readRows`, plus `copyRows`),
 * and `sharedReadWorker()` is the one worker the engine's import session and import job read through.
 *
 * Where the worker script is: from sources (the CLI and the web bridge under tsx, the tests under
 * vitest) it is read-worker.ts beside this file, loaded through tsx's loader; in the built app
 * (electron.vite.config.ts) it is `read-worker.js`, an entry of its own beside the main bundle and
 * its chunks, so it is found beside whichever chunk this code ends up in.
 */
import { Worker } from 'node:worker_threads';
import { copyRows } from './copy-rows.ts';
import { inspectFile } from './inspect.ts';
import { connectFileReading, type FileReadingClient } from './read-port.ts';
import { readRows } from './read-rows.ts';

/** Reading, wherever it runs: in this thread ({@link localFileReading}) or in a worker. */
export type FileReading = Omit<FileReadingClient, 'close'>;

/** Reading in this thread (what the worker itself runs). */
export const localFileReading: FileReading = { inspectFile, readRows, copyRows };

/** A worker that reads files; terminate it when done. */
export interface ReadWorker extends FileReading {
  /** True once the worker has stopped (terminated, crashed): start another one. */
  readonly stopped: boolean;
  terminate(): Promise<void>;
}

/** The worker script for the code as it runs now: the TypeScript source, or the built entry. */
export function defaultReadWorkerEntry(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./read-worker.ts', import.meta.url)
    : new URL('./read-worker.js', import.meta.url);
}

/**
 * Starts a reading worker. `entry` is the worker script (default {@link defaultReadWorkerEntry}). The
 * worker does not keep the process alive while it is idle; it does while a request is in flight.
 */
export function startReadWorker(entry: URL = defaultReadWorkerEntry()): ReadWorker {
  const worker = entry.pathname.endsWith('.ts')
    ? // A TypeScript entry is loaded through tsx's loader, registered in the worker itself: loader hooks
      // registered in this thread do not reach a worker, and a worker's `--import tsx` is ignored when
      // the parent runs under other loader hooks (vitest's, for one).
      new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})` +
          `.then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`,
        { eval: true },
      )
    : new Worker(entry);
  worker.unref();
  let stopped = false;
  let busy = 0;
  const client = connectFileReading(worker);
  const stop = (error: Error): void => {
    stopped = true;
    client.close(error);
  };
  worker.on('error', (error) => stop(error));
  worker.on('exit', (code) => stop(new Error(`The file-reading worker stopped (exit code ${code}).`)));
  // Referenced while a request is in flight: a CLI awaiting a read must not exit under it.
  const begin = (): void => {
    if (busy++ === 0 && !stopped) worker.ref();
  };
  const end = (): void => {
    if (--busy === 0 && !stopped) worker.unref();
  };
  return {
    get stopped() {
      return stopped;
    },
    async inspectFile(path, options) {
      begin();
      try {
        return await client.inspectFile(path, options);
      } finally {
        end();
      }
    },
    async copyRows(path, options) {
      begin();
      try {
        return await client.copyRows(path, options);
      } finally {
        end();
      }
    },
    async *readRows(path, options) {
      begin();
      try {
        yield* client.readRows(path, options);
      } finally {
        end();
      }
    },
    terminate: async () => {
      await worker.terminate();
    },
  };
}

let shared: ReadWorker | null = null;

function current(): ReadWorker {
  if (!shared || shared.stopped) shared = startReadWorker();
  return shared;
}

/**
 * The process's reading worker, started on first use and started again if it ever stops. Each call
 * goes to the worker running at that moment.
 */
export function sharedReadWorker(): FileReading {
  return sharedReading;
}

const sharedReading: FileReading = {
  inspectFile: (path, options) => current().inspectFile(path, options),
  readRows: (path, options) => current().readRows(path, options),
  copyRows: (path, options) => current().copyRows(path, options),
};

/** `inspectFile` in the shared reading worker. */
export const inspectFileOffThread: FileReading['inspectFile'] = (path, options) =>
  current().inspectFile(path, options);

/** `readRows` in the shared reading worker: the rows come in batches, the parsing stays off this thread. */
export const readRowsOffThread: FileReading['readRows'] = (path, options) =>
  current().readRows(path, options);

/** Starts the shared worker now (at app start), so the first file opened does not wait for it. */
export function warmSharedReadWorker(): void {
  current();
}

/** Stops the shared worker (tests, quitting); the next read starts a new one. */
export async function stopSharedReadWorker(): Promise<void> {
  const worker = shared;
  shared = null;
  await worker?.terminate();
}
