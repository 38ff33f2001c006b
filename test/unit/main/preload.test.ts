import { describe, expect, it, vi } from 'vitest';
import { EVENT_METHODS, INVOKE_METHODS } from '../../../shared/ipc.ts';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (channel: string) => ({ ok: true, value: channel })),
  on: vi.fn(),
  removeListener: vi.fn(),
  getPathForFile: vi.fn((file: { name: string }) => (file.name === 'web.csv' ? '' : `/home/u/${file.name}`)),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: { invoke: electron.invoke, on: electron.on, removeListener: electron.removeListener },
  webUtils: { getPathForFile: electron.getPathForFile },
}));

await import('../../../electron/preload/index.ts');
const api = electron.exposed.get('orgport') as Record<string, (...args: unknown[]) => unknown>;

describe('the preload', () => {
  it('exposes window.orgport with exactly one function per call and event, and no ipcRenderer', () => {
    expect([...electron.exposed.keys()]).toEqual(['orgport']);
    expect(Object.keys(api).sort()).toEqual(
      [...Object.values(INVOKE_METHODS), ...Object.values(EVENT_METHODS), 'fileFromDrop'].sort(),
    );
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
  });

  it('invokes the contract channel', async () => {
    expect(await api['listConnections']?.()).toEqual({ ok: true, value: 'connection/list' });
    expect(electron.invoke).toHaveBeenCalledWith('connection/list', undefined);
  });

  it('subscriptions return an unsubscribe that removes exactly their listener', () => {
    const unsubscribe = api['onJobState']?.(() => undefined) as () => void;
    const [channel, handler] = electron.on.mock.calls[0] ?? [];
    expect(channel).toBe('job/state');
    unsubscribe();
    expect(electron.removeListener).toHaveBeenCalledWith('job/state', handler);
  });

  it('turns a dropped file into its path through webUtils', async () => {
    expect(await api['fileFromDrop']?.({ name: 'orgs.csv', size: 3 })).toEqual({
      ok: true,
      value: { path: '/home/u/orgs.csv', name: 'orgs.csv', size: 3 },
    });
    expect(await api['fileFromDrop']?.({ name: 'web.csv', size: 3 })).toMatchObject({ ok: false });
  });
});
