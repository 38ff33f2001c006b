/**
 * The API over one WebSocket: the page sends `{ t: 'invoke', id, channel, args }` and gets
 * `{ t: 'result', id, result }` back, where `result` is the same envelope Electron IPC returns; pushed
 * events arrive as `{ t: 'event', channel, payload }`. Every call goes through `dispatchInvoke`, so the
 * bridge validates exactly as Electron main does.
 */
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { InvokeHandlers } from '../../shared/ipc.ts';
import { dispatchInvoke } from '../engine/app/dispatch.ts';
import type { EventHub } from '../engine/app/event-hub.ts';

/** Largest message the page may send (calls are small; files go through the upload route). */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

const invokeMessage = z.strictObject({
  t: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  args: z.unknown().optional(),
});

/** Parses one incoming frame; null when it is not an invoke message. */
export function parseInvokeMessage(
  data: string,
): { readonly id: number; readonly channel: string; readonly args: unknown } | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = invokeMessage.safeParse(json);
  return parsed.success ? { id: parsed.data.id, channel: parsed.data.channel, args: parsed.data.args } : null;
}

/** Serves the API on one socket until it closes. */
export function serveApiSocket(socket: WebSocket, handlers: InvokeHandlers, events: EventHub): void {
  const send = (message: unknown): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = events.subscribe((channel, payload) => send({ t: 'event', channel, payload }));
  socket.on('close', unsubscribe);
  socket.on('error', () => socket.terminate());
  socket.on('message', (data, isBinary) => {
    const message = isBinary ? null : parseInvokeMessage(rawDataToString(data));
    if (!message) {
      // A frame that is not a call cannot be answered by id; the page's client never sends one.
      socket.close(1008, 'Malformed message');
      return;
    }
    void dispatchInvoke(handlers, message.channel, message.args).then((result) =>
      send({ t: 'result', id: message.id, result }),
    );
  });
}

function rawDataToString(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8');
}
