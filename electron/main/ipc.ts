/**
 * The only place main touches `ipcMain` and `webContents.send` (style rule 2). Every call channel of
 * the contract is registered from the handler map, each message is checked for its sender first and
 * validated by `dispatchInvoke`, and events go out only on the contract's event channels.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { EventChannel, EventChannels, InvokeHandlers, InvokeResult } from '../../shared/ipc.ts';
import { INVOKE_CHANNELS } from '../../shared/ipc.ts';
import { dispatchInvoke } from '../engine/app/dispatch.ts';

/** Decides whether the frame behind an IPC message may call the API. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/** The answer to a message from an untrusted frame (it learns nothing else). */
export const UNTRUSTED_SENDER: InvokeResult<never> = {
  ok: false,
  error: { kind: 'forbidden', message: 'This frame may not use the Orgport API.' },
};

/** Registers a handler for every call channel; returns a function that removes them all. */
export function registerInvokeHandlers(
  ipcMain: IpcMain,
  handlers: InvokeHandlers,
  isTrusted: SenderCheck,
): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event, args: unknown) => {
      if (!isTrusted(event)) return UNTRUSTED_SENDER;
      return dispatchInvoke(handlers, channel, args);
    });
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** Sends a contract event to a window, unless it is gone. */
export function sendEvent<E extends EventChannel>(
  contents: WebContents,
  channel: E,
  payload: EventChannels[E],
): void {
  if (contents.isDestroyed()) return;
  contents.send(channel, payload);
}
