/**
 * `window.orgport` for the browser version. The web bridge injects this script into the page before
 * the app's own; it carries the same calls and events as the Electron preload over a WebSocket, and
 * does in the page what a browser must do there (pick a file and upload it; download instead of
 * "open"). The app in `renderer/src` never imports this file and cannot tell which one it got.
 */
import { createOrgportApi } from '../../shared/ipc.ts';
import type {
  EventChannel,
  InvokeChannel,
  InvokeResult,
  OpenDialogRequest,
  OrgportTransport,
  PickedFile,
  Unsubscribe,
} from '../../shared/ipc.ts';

/** Everything below is relative to the page, whose path starts with the bridge's secret. */
const base = new URL('./', window.location.href);

type Pending = (result: InvokeResult<unknown>) => void;

function networkError(message: string): InvokeResult<never> {
  return { ok: false, error: { kind: 'network', message } };
}

/** The WebSocket side: request ids, pending calls, event listeners, reconnects. */
class SocketTransport {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  private readonly outbox: string[] = [];
  private retryMs = 500;

  constructor(private readonly url: string) {
    this.connect();
  }

  invoke(channel: InvokeChannel, args: unknown): Promise<InvokeResult<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send(JSON.stringify({ t: 'invoke', id, channel, args }));
    });
  }

  subscribe(channel: EventChannel, listener: (payload: unknown) => void): Unsubscribe {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
    return () => {
      set.delete(listener);
    };
  }

  private send(frame: string): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(frame);
    else this.outbox.push(frame);
  }

  private connect(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.retryMs = 500;
      for (const frame of this.outbox.splice(0)) socket.send(frame);
    });
    socket.addEventListener('message', (event: MessageEvent) => this.receive(event.data));
    socket.addEventListener('close', () => {
      // Calls in flight can never be answered now; fail them so the UI shows it instead of hanging.
      for (const [id, resolve] of this.pending) {
        this.pending.delete(id);
        resolve(networkError('Lost the connection to Orgport. Is "orgport web" still running?'));
      }
      window.setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 10_000);
    });
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: { t?: unknown; id?: unknown; result?: unknown; channel?: unknown; payload?: unknown };
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (message.t === 'result' && typeof message.id === 'number') {
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(message.result as InvokeResult<unknown>);
    } else if (message.t === 'event' && typeof message.channel === 'string') {
      for (const listener of this.listeners.get(message.channel as EventChannel) ?? []) {
        try {
          listener(message.payload);
        } catch (error) {
          console.error(error);
        }
      }
    }
  }
}

/** Uploads a file the page holds and returns where the engine can read it. */
async function upload(file: File): Promise<InvokeResult<PickedFile>> {
  try {
    const response = await fetch(new URL(`upload?name=${encodeURIComponent(file.name)}`, base), {
      method: 'POST',
      body: file,
      headers: { 'content-type': 'application/octet-stream' },
    });
    return (await response.json()) as InvokeResult<PickedFile>;
  } catch {
    return networkError(`Could not upload ${file.name}.`);
  }
}

/** The browser's file picker, then an upload: the page's stand-in for a native open dialog. */
function pickFile(args: unknown): Promise<InvokeResult<unknown>> {
  const request = (args ?? {}) as OpenDialogRequest;
  const input = document.createElement('input');
  input.type = 'file';
  input.hidden = true;
  const extensions = (request.filters ?? []).flatMap((f) => f.extensions).filter((e) => e !== '*');
  if (extensions.length > 0) input.accept = extensions.map((e) => `.${e}`).join(',');
  document.body.append(input);
  return new Promise((resolve) => {
    const finish = (result: Promise<InvokeResult<unknown>> | InvokeResult<unknown>): void => {
      input.remove();
      resolve(result);
    };
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      finish(file ? upload(file) : { ok: true, value: null });
    });
    input.addEventListener('cancel', () => finish({ ok: true, value: null }));
    input.click();
  });
}

/** "Open" in a browser: the engine checks the path, then the file is downloaded. */
async function openPath(transport: SocketTransport, args: unknown): Promise<InvokeResult<unknown>> {
  const result = await transport.invoke('shell/open-path', args);
  if (!result.ok) return result;
  const target = (args as { path: string }).path;
  const link = document.createElement('a');
  link.href = new URL(`download?path=${encodeURIComponent(target)}`, base).href;
  link.download = '';
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  return result;
}

const socket = new SocketTransport(`${base.href.replace(/^http/, 'ws')}ws`);
const transport: OrgportTransport = {
  invoke: (channel, args) => socket.invoke(channel, args),
  subscribe: (channel, listener) => socket.subscribe(channel, listener),
  fileFromDrop: upload,
};

Object.defineProperty(window, 'orgport', {
  value: Object.freeze(
    createOrgportApi(transport, {
      'file/open-dialog': pickFile,
      'shell/open-path': (args) => openPath(socket, args),
    }),
  ),
  writable: false,
  configurable: false,
});
