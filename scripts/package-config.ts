/**
 * Checks of the packaging configuration that `electron-builder --linux dir` cannot make here: the
 * "Open with Orgport" file associations of every platform, the icons each installer needs (read from
 * their bytes, not their names), and the metadata the deb target refuses to build without. Pure:
 * `check-package.ts` reads the files and hands over their bytes.
 */
import type { Configuration, FileAssociation } from 'electron-builder';

/** The file types "Open with Orgport" is offered for (issue 9). */
export const ASSOCIATED_EXTENSIONS: ReadonlyArray<string> = ['csv', 'xlsx'];

/** Sizes the Linux icon folder must hold: the freedesktop hicolor sizes desktops ask for, up to 512. */
export const LINUX_ICON_SIZES: ReadonlyArray<number> = [16, 32, 48, 64, 128, 256, 512];

/** Sizes the Windows .ico must hold: title bar, taskbar, Explorer views; electron-builder wants 256. */
export const ICO_SIZES: ReadonlyArray<number> = [16, 32, 48, 256];

function asArray<T>(value: T | ReadonlyArray<T> | null | undefined): T[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? [...(value as ReadonlyArray<T>)] : [value as T];
}

function extensionsOf(association: FileAssociation): string[] {
  return asArray(association.ext).map((ext) => ext.replace(/^\./, '').toLowerCase());
}

/**
 * The file associations of each platform. Top-level `fileAssociations` would apply to Windows too,
 * where electron-builder makes them the default program, so they must live under `linux` and `mac`;
 * Windows gets its "Open with" entries from the NSIS include (`nsisInclude`, its text).
 */
export function checkFileAssociations(config: Configuration, nsisInclude: string | null): string[] {
  const problems: string[] = [];
  if (asArray(config.fileAssociations).length > 0) {
    problems.push(
      'top-level fileAssociations also apply to Windows, where NSIS makes Orgport the default program; ' +
        'declare them under linux and mac',
    );
  }
  if (asArray(config.win?.fileAssociations).length > 0) {
    problems.push(
      'win.fileAssociations makes Orgport the default program; build/installer.nsh adds "Open with"',
    );
  }
  const linux = asArray(config.linux?.fileAssociations);
  const mac = asArray(config.mac?.fileAssociations);
  for (const ext of ASSOCIATED_EXTENSIONS) {
    const onLinux = linux.filter((a) => extensionsOf(a).includes(ext));
    if (onLinux.length === 0) problems.push(`linux: no file association for .${ext}`);
    else if (!onLinux.every((a) => a.mimeType)) {
      problems.push(`linux: the .${ext} association has no mimeType, so the desktop entry leaves it out`);
    }
    const onMac = mac.filter((a) => extensionsOf(a).includes(ext));
    if (onMac.length === 0) problems.push(`mac: no file association for .${ext}`);
    else if (!onMac.every((a) => a.rank === 'Alternate')) {
      problems.push(
        `mac: the .${ext} association must have rank Alternate, or Orgport may become the default`,
      );
    }
    const registered = new RegExp(`^\\s*!insertmacro\\s+orgportOpenWith\\s+"${ext}"`, 'm');
    if (!nsisInclude || !registered.test(nsisInclude)) {
      problems.push(
        `win: ${config.nsis?.include ?? 'the NSIS include'} does not register "Open with" for .${ext}`,
      );
    }
  }
  return problems;
}

/** The metadata `npm run dist` needs for a .deb (electron-builder stops without it; `dir` never asks). */
export function checkDistMetadata(
  config: Configuration,
  metadata: {
    readonly homepage?: string | null;
    readonly description?: string | null;
    readonly author?: { readonly email?: string | null } | null;
  },
): string[] {
  const problems: string[] = [];
  const linuxTargets = asArray(config.linux?.target).map((target) =>
    typeof target === 'string' ? target : target.target,
  );
  if (!linuxTargets.includes('deb')) return problems;
  if (!metadata.homepage) problems.push('deb: package.json has no "homepage" (the package URL)');
  if (!metadata.description) problems.push('deb: package.json has no "description"');
  const maintainer = config.deb?.maintainer ?? config.linux?.maintainer ?? metadata.author?.email;
  if (!maintainer) {
    problems.push('deb: no maintainer: add "author": { "name", "email" } to package.json');
  }
  return problems;
}

/** Width and height from a PNG's header; null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((byte, i) => bytes[i] !== byte)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The square sizes a Windows .ico holds (a stored 0 means 256); null when not an icon file. */
export function icoSizes(bytes: Uint8Array): number[] | null {
  if (bytes.length < 6) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0, true) !== 0 || view.getUint16(2, true) !== 1) return null;
  const count = view.getUint16(4, true);
  if (bytes.length < 6 + count * 16) return null;
  const sizes: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const width = bytes[6 + i * 16] || 256;
    const height = bytes[7 + i * 16] || 256;
    if (width === height) sizes.push(width);
  }
  return sizes;
}

/** The element types of a macOS .icns (`ic10` is 1024 px, `ic09` 512); null when not one. */
export function icnsTypes(bytes: Uint8Array): string[] | null {
  if (bytes.length < 8 || String.fromCharCode(...bytes.subarray(0, 4)) !== 'icns') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(4) !== bytes.length) return null;
  const types: string[] = [];
  for (let offset = 8; offset + 8 <= bytes.length;) {
    const length = view.getUint32(offset + 4);
    if (length < 8 || offset + length > bytes.length) return null;
    types.push(String.fromCharCode(...bytes.subarray(offset, offset + 4)));
    offset += length;
  }
  return types;
}

/** The icon files, as read from the paths the configuration names (null: not found). */
export interface IconFiles {
  /** The Linux icon folder's files: name → bytes. */
  readonly linux: ReadonlyMap<string, Uint8Array> | null;
  readonly ico: Uint8Array | null;
  readonly icns: Uint8Array | null;
}

/** Each platform's icon exists, is what its name says, and has the sizes that platform shows. */
export function checkIcons(icons: IconFiles): string[] {
  const problems: string[] = [];
  if (!icons.linux) problems.push('linux: the icon folder (linux.icon) is missing');
  else {
    const sizes = new Set<number>();
    for (const [name, bytes] of icons.linux) {
      const named = /^(\d+)x(\d+)\.png$/.exec(name);
      const actual = pngSize(bytes);
      if (!named || named[1] !== named[2])
        problems.push(`linux: icon ${name} is not named <size>x<size>.png`);
      else if (!actual) problems.push(`linux: icon ${name} is not a PNG`);
      else if (actual.width !== Number(named[1]) || actual.height !== Number(named[1])) {
        problems.push(`linux: icon ${name} is ${actual.width}x${actual.height}`);
      } else sizes.add(actual.width);
    }
    const missing = LINUX_ICON_SIZES.filter((size) => !sizes.has(size));
    if (missing.length > 0) problems.push(`linux: no icon of size ${missing.join(', ')}`);
  }
  const ico = icons.ico ? icoSizes(icons.ico) : null;
  if (!icons.ico) problems.push('win: the icon (win.icon) is missing');
  else if (!ico) problems.push('win: the icon is not an .ico file');
  else {
    const missing = ICO_SIZES.filter((size) => !ico.includes(size));
    if (missing.length > 0) problems.push(`win: the .ico has no ${missing.join(', ')} px image`);
  }
  const icns = icons.icns ? icnsTypes(icons.icns) : null;
  if (!icons.icns) problems.push('mac: the icon (mac.icon) is missing');
  else if (!icns) problems.push('mac: the icon is not a valid .icns file');
  else if (!icns.includes('ic10') && !icns.includes('ic09')) {
    problems.push('mac: the .icns has no 512 or 1024 px image (ic09/ic10)');
  }
  return problems;
}
