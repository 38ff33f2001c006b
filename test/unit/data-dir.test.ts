import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDir, dataPaths, ensureDataDir } from '../../electron/engine/data-dir.ts';

describe('data folder', () => {
  it('uses ORGPORT_HOME when set, made absolute', () => {
    expect(dataDir({ env: { ORGPORT_HOME: '/srv/orgport' }, platform: 'linux', homedir: '/home/jo' })).toBe(
      '/srv/orgport',
    );
    expect(dataDir({ env: { ORGPORT_HOME: 'rel/dir' }, platform: 'linux', homedir: '/home/jo' })).toBe(
      path.resolve('rel/dir'),
    );
  });

  it('follows Electron userData on Linux: XDG_CONFIG_HOME, else ~/.config', () => {
    expect(dataDir({ env: {}, platform: 'linux', homedir: '/home/jo' })).toBe('/home/jo/.config/Orgport');
    expect(dataDir({ env: { XDG_CONFIG_HOME: '/cfg' }, platform: 'linux', homedir: '/home/jo' })).toBe(
      '/cfg/Orgport',
    );
    // A relative XDG_CONFIG_HOME is invalid per the XDG spec and ignored.
    expect(dataDir({ env: { XDG_CONFIG_HOME: 'cfg' }, platform: 'linux', homedir: '/home/jo' })).toBe(
      '/home/jo/.config/Orgport',
    );
  });

  it('follows Electron userData on macOS and Windows', () => {
    expect(dataDir({ env: {}, platform: 'darwin', homedir: '/Users/jo' })).toBe(
      '/Users/jo/Library/Application Support/Orgport',
    );
    expect(
      dataDir({
        env: { APPDATA: 'C:\\Users\\jo\\AppData\\Roaming' },
        platform: 'win32',
        homedir: 'C:\\Users\\jo',
      }),
    ).toBe('C:\\Users\\jo\\AppData\\Roaming\\Orgport');
    expect(dataDir({ env: {}, platform: 'win32', homedir: 'C:\\Users\\jo' })).toBe(
      'C:\\Users\\jo\\AppData\\Roaming\\Orgport',
    );
  });

  it('names its sub-folders and creates them', async () => {
    const root = path.join(await mkdtemp(path.join(os.tmpdir(), 'orgport-home-')), 'Orgport');
    try {
      expect(dataPaths(root)).toEqual({
        root,
        jobs: path.join(root, 'jobs'),
        profiles: path.join(root, 'profiles'),
        settings: path.join(root, 'settings.json'),
      });
      const paths = await ensureDataDir(root);
      expect((await stat(paths.jobs)).isDirectory()).toBe(true);
      expect((await stat(paths.profiles)).isDirectory()).toBe(true);
      await ensureDataDir(root); // again: no error
    } finally {
      await rm(path.dirname(root), { recursive: true, force: true });
    }
  });
});
