import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, type InvokeHandlers } from '../../../shared/ipc.ts';

vi.mock('electron', () => ({}));

const { registerInvokeHandlers, sendEvent, UNTRUSTED_SENDER } = await import('../../../electron/main/ipc.ts');

type Listener = (event: unknown, args: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  return {
    handlers,
    handle: vi.fn((channel: string, listener: Listener) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    }),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
}

const handlers = Object.fromEntries(
  INVOKE_CHANNELS.map((c) => [c, vi.fn(async () => `${c} ok`)]),
) as unknown as InvokeHandlers;

describe('registerInvokeHandlers', () => {
  it('registers every contract channel once, and removes them again', () => {
    const ipcMain = fakeIpcMain();
    const remove = registerInvokeHandlers(ipcMain as never, handlers, () => true);
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    remove();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('answers an untrusted frame with a refusal and never runs the handler', async () => {
    const ipcMain = fakeIpcMain();
    registerInvokeHandlers(ipcMain as never, handlers, () => false);
    const result = await ipcMain.handlers.get('connection/list')?.({ senderFrame: {} }, undefined);
    expect(result).toEqual(UNTRUSTED_SENDER);
    expect(handlers['connection/list']).not.toHaveBeenCalled();
  });

  it('validates before dispatching a trusted call', async () => {
    const ipcMain = fakeIpcMain();
    registerInvokeHandlers(ipcMain as never, handlers, () => true);
    const listener = ipcMain.handlers.get('job/get');
    expect(await listener?.({}, { jobId: 'j' })).toEqual({ ok: true, value: 'job/get ok' });
    expect(await listener?.({}, { jobId: 5 })).toMatchObject({
      ok: false,
      error: { kind: 'invalid_request' },
    });
    expect(handlers['job/get']).toHaveBeenCalledTimes(1);
  });
});

describe('sendEvent', () => {
  it('sends on the contract channel, and not to a destroyed window', () => {
    const contents = { isDestroyed: vi.fn(() => false), send: vi.fn() };
    sendEvent(contents as never, 'connection/changed', null);
    expect(contents.send).toHaveBeenCalledWith('connection/changed', null);
    contents.isDestroyed.mockReturnValue(true);
    sendEvent(contents as never, 'connection/changed', null);
    expect(contents.send).toHaveBeenCalledTimes(1);
  });
});
