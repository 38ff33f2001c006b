import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import {
  checkDistMetadata,
  checkFileAssociations,
  checkIcons,
  icnsTypes,
  icoSizes,
  pngSize,
} from '../../../scripts/package-config.ts';

const BUILD = fileURLToPath(new URL('../../../build/', import.meta.url));
const read = (name: string): Buffer => readFileSync(path.join(BUILD, name));
const linuxIcons = (): Map<string, Uint8Array> =>
  new Map(readdirSync(path.join(BUILD, 'icons')).map((name) => [name, read(`icons/${name}`)]));

const NSIS = read('installer.nsh').toString('utf8');
const GOOD: Configuration = {
  linux: {
    target: ['AppImage', 'deb'],
    fileAssociations: [
      { ext: 'csv', mimeType: 'text/csv' },
      { ext: ['xlsx'], mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    ],
  },
  mac: {
    fileAssociations: [
      { ext: 'csv', rank: 'Alternate' },
      { ext: '.XLSX', rank: 'Alternate' },
    ],
  },
  nsis: { include: 'build/installer.nsh' },
};

describe('file associations', () => {
  it('accepts .csv and .xlsx on Linux and macOS with "Open with" on Windows', () => {
    expect(checkFileAssociations(GOOD, NSIS)).toEqual([]);
  });

  it('refuses associations that would make Orgport the default program', () => {
    const config: Configuration = {
      ...GOOD,
      fileAssociations: [{ ext: 'csv' }],
      win: { fileAssociations: { ext: 'xlsx' } },
      mac: { fileAssociations: [{ ext: 'csv', rank: 'Alternate' }, { ext: 'xlsx' }] },
    };
    expect(checkFileAssociations(config, NSIS)).toEqual([
      'top-level fileAssociations also apply to Windows, where NSIS makes Orgport the default program; ' +
        'declare them under linux and mac',
      'win.fileAssociations makes Orgport the default program; build/installer.nsh adds "Open with"',
      'mac: the .xlsx association must have rank Alternate, or Orgport may become the default',
    ]);
  });

  it('names each platform and type left without "Open with"', () => {
    const config: Configuration = {
      linux: { fileAssociations: [{ ext: 'csv' }] },
      nsis: { include: 'build/installer.nsh' },
    };
    const nsis = NSIS.replace(/^\s*!insertmacro orgportOpenWith "xlsx".*$/m, '');
    expect(checkFileAssociations(config, nsis)).toEqual([
      'linux: the .csv association has no mimeType, so the desktop entry leaves it out',
      'mac: no file association for .csv',
      'linux: no file association for .xlsx',
      'mac: no file association for .xlsx',
      'win: build/installer.nsh does not register "Open with" for .xlsx',
    ]);
    expect(checkFileAssociations(GOOD, null)).toContain(
      'win: build/installer.nsh does not register "Open with" for .csv',
    );
  });
});

describe('deb metadata', () => {
  it('asks for homepage, description and a maintainer when a deb is built', () => {
    expect(checkDistMetadata(GOOD, {})).toEqual([
      'deb: package.json has no "homepage" (the package URL)',
      'deb: package.json has no "description"',
      'deb: no maintainer: add "author": { "name", "email" } to package.json',
    ]);
    const complete = { homepage: 'https://x.example', description: 'd', author: { email: 'a@x.example' } };
    expect(checkDistMetadata(GOOD, complete)).toEqual([]);
    expect(
      checkDistMetadata(
        { linux: { target: ['deb'], maintainer: 'M <m@x.example>' } },
        { ...complete, author: null },
      ),
    ).toEqual([]);
    expect(checkDistMetadata({ linux: { target: 'AppImage' } }, {})).toEqual([]);
  });
});

describe('icons', () => {
  it('reads sizes from PNG, ICO and ICNS bytes', () => {
    expect(pngSize(read('icons/48x48.png'))).toEqual({ width: 48, height: 48 });
    expect(pngSize(Buffer.from('not a png at all, not at all'))).toBeNull();
    expect(icoSizes(read('icon.ico'))).toEqual([16, 24, 32, 48, 64, 128, 256]);
    expect(icoSizes(Buffer.from([0, 0, 2, 0, 1, 0]))).toBeNull();
    expect(icnsTypes(read('icon.icns'))).toEqual(expect.arrayContaining(['is32', 'ic09', 'ic10']));
    const truncated = read('icon.icns').subarray(0, 100);
    expect(icnsTypes(truncated)).toBeNull();
  });

  it("accepts the repo's icons", () => {
    expect(checkIcons({ linux: linuxIcons(), ico: read('icon.ico'), icns: read('icon.icns') })).toEqual([]);
  });

  it('finds misnamed, mis-sized, missing and broken icons', () => {
    const linux = linuxIcons();
    linux.set('64x64.png', read('icons/32x32.png'));
    linux.set('icon.png', read('icons/32x32.png'));
    linux.delete('512x512.png');
    expect(checkIcons({ linux, ico: read('icons/16x16.png'), icns: null })).toEqual([
      'linux: icon 64x64.png is 32x32',
      'linux: icon icon.png is not named <size>x<size>.png',
      'linux: no icon of size 64, 512',
      'win: the icon is not an .ico file',
      'mac: the icon (mac.icon) is missing',
    ]);
    // An .ico holding only a 16 px image: one entry, width and height 16.
    const smallIco = Buffer.alloc(22);
    smallIco.set([0, 0, 1, 0, 1, 0, 16, 16]);
    expect(checkIcons({ linux: linuxIcons(), ico: smallIco, icns: read('icon.icns') })).toEqual([
      'win: the .ico has no 32, 48, 256 px image',
    ]);
    expect(checkIcons({ linux: null, ico: null, icns: read('icons/16x16.png') })).toEqual([
      'linux: the icon folder (linux.icon) is missing',
      'win: the icon (win.icon) is missing',
      'mac: the icon is not a valid .icns file',
    ]);
  });
});
