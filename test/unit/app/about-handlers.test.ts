import { describe, expect, it } from 'vitest';
import type { ActiveConnection } from '../../../shared/ipc.ts';
import { aboutHandlers, aboutInfo } from '../../../electron/engine/app/about-handlers.ts';

const base = {
  version: '1.2.3',
  dataDir: '/home/u/.config/Orgport',
  jobsDir: '/home/u/.config/Orgport/jobs',
  logFile: '/home/u/.config/Orgport/logs/orgport.log',
  saveFolder: null,
  tokenStorage: 'encrypted' as const,
  activeConnection: () => null,
};

describe('about/info', () => {
  it('describes the desktop app: Electron versions, no exports folder', () => {
    const info = aboutInfo({ ...base, versions: { electron: '41.7.1', chrome: '140.0.1', node: '22.1.0' } });
    expect(info).toMatchObject({
      name: 'Orgport',
      version: '1.2.3',
      runtime: 'desktop',
      versions: { electron: '41.7.1', chrome: '140.0.1', node: '22.1.0' },
      connection: null,
      tokenStorage: 'encrypted',
    });
    expect(info.places.map((p) => [p.id, p.path])).toEqual([
      ['data', base.dataDir],
      ['jobs', base.jobsDir],
      ['logs', base.logFile],
    ]);
  });

  it('describes the browser version: Node only, the exports folder, the active connection', async () => {
    const active = { profile: { kind: 'sandbox', name: 'Sandbox' } } as ActiveConnection;
    const handlers = aboutHandlers(() => ({
      ...base,
      saveFolder: '/data/exports',
      tokenStorage: 'memory',
      activeConnection: () => active,
      versions: { node: '20.19.0' },
    }));
    const info = await handlers['about/info'](undefined);
    expect(info.runtime).toBe('browser');
    expect(info.versions).toEqual({ electron: null, chrome: null, node: '20.19.0' });
    expect(info.connection).toEqual({ kind: 'sandbox', name: 'Sandbox' });
    expect(info.places.at(-1)).toMatchObject({ id: 'exports', path: '/data/exports' });
  });
});
