/**
 * Starting and stopping the sandbox: builds the runtime (clock, data, limiter, faults, log,
 * persistence) and serves it with node:http on 127.0.0.1.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxClock } from './clock.ts';
import { createControl, type SandboxControl } from './control.ts';
import { FaultInjector } from './faults.ts';
import { resolveOptions, type SandboxOptions } from './options.ts';
import { loadSnapshot, SnapshotSaver } from './persist.ts';
import { handleRequest, type SandboxRuntime } from './pipeline.ts';
import { RateLimiter } from './rate-limit.ts';
import { RequestLog } from './request-log.ts';
import { SandboxState } from './state.ts';

/** A sandbox that is listening. */
export interface RunningSandbox {
  /** Base URL without a version prefix, e.g. `http://127.0.0.1:51234` (clients add /api/v2 or /v1). */
  url: string;
  port: number;
  control: SandboxControl;
  /** Stops listening, drops open connections and writes the persistence file. */
  close(): Promise<void>;
}

/** Builds the runtime without a socket (the server and unit tests share it). */
export function createRuntime(options: SandboxOptions = {}): SandboxRuntime {
  const resolved = resolveOptions(options);
  const clock = new SandboxClock(resolved.manualClock, resolved.startTime);
  const state = new SandboxState(resolved.seed, clock);
  const snapshot = resolved.persistPath ? loadSnapshot(resolved.persistPath) : null;
  if (snapshot) state.load(snapshot);
  else state.seedFresh(resolved.organizations);
  let saver: SnapshotSaver | null = null;
  if (resolved.persistPath) {
    saver = new SnapshotSaver(
      resolved.persistPath,
      () => state.snapshot(),
      () => state.store.version,
    );
    if (snapshot) saver.markSaved();
    else saver.changed();
  }
  const rt: SandboxRuntime = {
    options: resolved,
    clock,
    state,
    limiter: new RateLimiter(() => rt.options, clock),
    faults: new FaultInjector(resolved.seed, () => rt.options),
    log: new RequestLog(() => rt.options.requestLogLimit),
    saver,
    closing: false,
  };
  return rt;
}

/** A host as it appears in a URL. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts a sandbox; resolves once it listens. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const rt = createRuntime(options);
  const server = createServer((req, res) => {
    void handleRequest(rt, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(rt.options.port, rt.options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | null = null;
  return {
    url: `http://${urlHost(rt.options.host)}:${port}`,
    port,
    control: createControl(rt),
    close() {
      closed ??= (async () => {
        rt.closing = true;
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await stopped;
        await rt.saver?.flush();
      })();
      return closed;
    },
  };
}
