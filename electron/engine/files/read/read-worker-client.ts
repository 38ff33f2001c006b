/**
 * Runs file reading in a worker thread, so parsing a large file never blocks the thread that
 * serves the window and IPC. The API is index.ts's, plus `terminate`.
 */
import { Worker } from 'node:worker_threads';
import { connectFileReading, type FileReadingClient } from './read-port.ts';

/** A worker that reads files; terminate it when done. */
export interface ReadWorker extends Omit<FileReadingClient, 'close'> {
  terminate(): Promise<void>;
}

/**
 * Starts a reading worker. `entry` is the worker script: by default read-worker.ts next to this
 * file, run through tsx (development, tests, the CLI); a bundled app passes its built entry's URL.
 */
export function startReadWorker(entry: URL = new URL('./read-worker.ts', import.meta.url)): ReadWorker {
  const worker = entry.pathname.endsWith('.ts')
    ? // A TypeScript entry is loaded through tsx's loader, registered in the worker itself: a worker's
      // `--import tsx` is ignored when the parent runs under other loader hooks (vitest's, for one).
      new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})` +
          `.then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`,
        { eval: true },
      )
    : new Worker(entry);
  const client = connectFileReading(worker);
  worker.on('error', (error) => client.close(error));
  worker.on('exit', (code) =>
    client.close(new Error(`The file-reading worker stopped (exit code ${code}).`)),
  );
  return {
    inspectFile: client.inspectFile,
    readRows: client.readRows,
    terminate: async () => {
      await worker.terminate();
    },
  };
}
