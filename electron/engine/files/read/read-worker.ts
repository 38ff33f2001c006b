/**
 * Worker-thread entry that serves file reading on its parent port (see read-port.ts). Start it with
 * `startReadWorker()`, or bundle it as a worker entry and pass its URL.
 */
import { parentPort } from 'node:worker_threads';
import { createPreviewSink, type PreviewPassSpec } from '../../import/preview-pass.ts';
import { serveFileReading } from './read-port.ts';

// The import preview's first pass runs here, over the rows as they are read (import/session.ts).
if (parentPort)
  serveFileReading(parentPort, { makeSink: (spec) => createPreviewSink(spec as PreviewPassSpec) });
