/**
 * Worker-thread entry that serves file reading on its parent port (see read-port.ts). Start it with
 * `startReadWorker()`, or bundle it as a worker entry and pass its URL.
 */
import { parentPort } from 'node:worker_threads';
import { serveFileReading } from './read-port.ts';

if (parentPort) serveFileReading(parentPort);
