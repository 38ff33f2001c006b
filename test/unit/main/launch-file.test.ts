import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  describeFile,
  fileFromArgv,
  LAUNCH_EXTENSIONS,
  OpenFileQueue,
} from '../../../electron/main/launch-file.ts';

const packaged = { defaultApp: false, cwd: '/home/ana' };

describe('fileFromArgv', () => {
  it('takes the spreadsheet "Open with" passes to the packaged app', () => {
    expect(fileFromArgv(['/opt/Orgport/orgport', '/home/ana/Leads.csv'], 'linux', packaged)).toBe(
      '/home/ana/Leads.csv',
    );
    expect(fileFromArgv(['/opt/Orgport/orgport', '/data/Book.XLSX'], 'linux', packaged)).toBe(
      '/data/Book.XLSX',
    );
  });

  it('returns null when the app starts with no file', () => {
    expect(fileFromArgv(['/opt/Orgport/orgport'], 'linux', packaged)).toBeNull();
    expect(fileFromArgv([], 'linux', packaged)).toBeNull();
  });

  it('skips the app folder of a development start and Chromium switches', () => {
    const dev = { defaultApp: true, cwd: '/repo' };
    expect(fileFromArgv(['/repo/node_modules/electron/dist/electron', 'sheet.csv'], 'linux', dev)).toBeNull();
    expect(
      fileFromArgv(
        ['electron', '.', '--allow-file-access-from-files', '--original-process-start-time=1', 'in/a.tsv'],
        'linux',
        dev,
      ),
    ).toBe('/repo/in/a.tsv');
  });

  it('resolves a relative path against the given folder (a second instance passes its own)', () => {
    expect(fileFromArgv(['orgport', 'q3/orgs.xlsx'], 'linux', { defaultApp: false, cwd: '/tmp/w' })).toBe(
      '/tmp/w/q3/orgs.xlsx',
    );
  });

  it('ignores arguments that are not spreadsheets and takes the first that is', () => {
    const argv = ['orgport', 'notes.pdf', 'README', '/a/first.csv', '/a/second.xlsx'];
    expect(fileFromArgv(argv, 'linux', packaged)).toBe('/a/first.csv');
    expect(fileFromArgv(['orgport', '/a/archive.zip', '/a/x.csv.bak'], 'linux', packaged)).toBeNull();
  });

  it('reads an argument after -- as a file even when it starts with a dash', () => {
    expect(fileFromArgv(['orgport', '--', '-odd.csv'], 'linux', packaged)).toBe('/home/ana/-odd.csv');
    expect(fileFromArgv(['orgport', '-odd.csv'], 'linux', packaged)).toBeNull();
  });

  it("skips macOS's process serial number", () => {
    expect(
      fileFromArgv(['/Applications/Orgport.app/Contents/MacOS/Orgport', '-psn_0_1234'], 'darwin', packaged),
    ).toBeNull();
  });

  it('turns a file URL into its path', () => {
    expect(fileFromArgv(['orgport', 'file:///home/ana/My%20Leads.csv'], 'linux', packaged)).toBe(
      '/home/ana/My Leads.csv',
    );
    expect(fileFromArgv(['orgport', 'file://elsewhere/share/a.csv'], 'linux', packaged)).toBeNull();
    expect(fileFromArgv(['orgport', 'file:///bad%E0%A4%A.csv'], 'linux', packaged)).toBeNull();
  });

  it('reads Windows paths and file URLs with Windows rules', () => {
    const win = { defaultApp: false, cwd: 'C:\\Users\\ana' };
    expect(
      fileFromArgv(['C:\\Program Files\\Orgport\\Orgport.exe', 'D:\\crm\\Orgs.xlsx'], 'win32', win),
    ).toBe('D:\\crm\\Orgs.xlsx');
    expect(fileFromArgv(['Orgport.exe', 'export.csv'], 'win32', win)).toBe('C:\\Users\\ana\\export.csv');
    expect(fileFromArgv(['Orgport.exe', 'file:///C:/crm/a%20b.csv'], 'win32', win)).toBe('C:\\crm\\a b.csv');
    expect(fileFromArgv(['Orgport.exe', 'file://server/share/a.csv'], 'win32', win)).toBe(
      '\\\\server\\share\\a.csv',
    );
  });

  it('accepts the extensions the import readers take, without the extension-less case', () => {
    for (const ext of ['.csv', '.tsv', '.txt', '.xlsx']) expect(LAUNCH_EXTENSIONS.has(ext)).toBe(true);
    expect(LAUNCH_EXTENSIONS.has('')).toBe(false);
  });
});

describe('OpenFileQueue', () => {
  it('holds a file that arrives before the page listens, and hands it over once', () => {
    const deliver = vi.fn();
    const queue = new OpenFileQueue(deliver);
    queue.offer('/a.csv');
    expect(deliver).not.toHaveBeenCalled();
    expect(queue.take()).toBe('/a.csv');
    expect(queue.take()).toBeNull();
  });

  it('keeps only the latest file while nobody listens', () => {
    const queue = new OpenFileQueue(vi.fn());
    queue.offer('/a.csv');
    queue.offer('/b.xlsx');
    expect(queue.take()).toBe('/b.xlsx');
  });

  it('delivers at once while the page listens, and holds again after a pause', () => {
    const deliver = vi.fn();
    const queue = new OpenFileQueue(deliver);
    expect(queue.take()).toBeNull();
    queue.offer('/now.csv');
    expect(deliver).toHaveBeenCalledWith('/now.csv');
    queue.pause();
    queue.offer('/later.csv');
    expect(deliver).toHaveBeenCalledTimes(1);
    expect(queue.take()).toBe('/later.csv');
  });
});

describe('describeFile', () => {
  it('gives the name and size the import screen shows, and size 0 for a file that is gone', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'orgport-launch-'));
    try {
      const file = path.join(dir, 'Leads.csv');
      await writeFile(file, 'Name\nAcme\n');
      expect(await describeFile(file)).toEqual({ path: file, name: 'Leads.csv', size: 10 });
      const gone = path.join(dir, 'Gone.xlsx');
      expect(await describeFile(gone)).toEqual({ path: gone, name: 'Gone.xlsx', size: 0 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
