/**
 * "Open with Orgport" (issue 9): which spreadsheet the app was asked to open, and holding it until the
 * page can take it. Windows and Linux start `Orgport <file>` — or, when Orgport already runs, hand the
 * same command line to it through 'second-instance'; macOS sends 'open-file' events instead, possibly
 * before the app is ready. Pure but for {@link describeFile}, so main/index.ts only wires events to it.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { PickedFile } from '../../shared/ipc.ts';
import { TEXT_EXTENSIONS, XLSX_EXTENSIONS } from '../engine/files/read/sniff.ts';

/** Extensions a launch argument must have to be taken for a file to import (lower case, with the dot). */
export const LAUNCH_EXTENSIONS: ReadonlySet<string> = new Set(
  // The readers also take extension-less text files; a bare word on a command line is not one.
  [...TEXT_EXTENSIONS, ...XLSX_EXTENSIONS].filter((ext) => ext !== ''),
);

/** How to read a command line. */
export interface LaunchContext {
  /** `process.defaultApp`: started as `electron <app folder>`, so argv[1] is the app, not a file. */
  readonly defaultApp: boolean;
  /** The folder relative paths are relative to: this process's, or the second instance's. */
  readonly cwd: string;
}

/**
 * The spreadsheet named on a command line, as an absolute path, or null. Chromium and Electron
 * switches (`--flag`), macOS's process serial number (`-psn_…`) and arguments that are not spreadsheets
 * are skipped; a `file://` URL (what some Linux file managers pass for `%U`) becomes its path. The first
 * spreadsheet wins: the import screen takes one file at a time.
 */
export function fileFromArgv(
  argv: ReadonlyArray<string>,
  platform: NodeJS.Platform,
  context: LaunchContext,
): string | null {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  let positional = false;
  for (const arg of argv.slice(context.defaultApp ? 2 : 1)) {
    if (!positional && arg === '--') {
      positional = true;
      continue;
    }
    if (!positional && arg.startsWith('-')) continue;
    const file = /^file:/i.test(arg) ? pathOfFileUrl(arg, platform) : arg;
    if (!file || !LAUNCH_EXTENSIONS.has(paths.extname(file).toLowerCase())) continue;
    return paths.resolve(context.cwd, file);
  }
  return null;
}

/** The local path of a `file:` URL on `platform`; null for another host or a malformed URL. */
function pathOfFileUrl(arg: string, platform: NodeJS.Platform): string | null {
  try {
    const url = new URL(arg);
    const pathname = decodeURIComponent(url.pathname);
    if (platform !== 'win32') return url.hostname === '' || url.hostname === 'localhost' ? pathname : null;
    // file:///C:/a.csv → C:\a.csv; file://server/share/a.csv → \\server\share\a.csv
    const local = url.hostname ? `//${url.hostname}${pathname}` : pathname.replace(/^\/([a-z]:)/i, '$1');
    return local.replace(/\//g, '\\');
  } catch {
    return null;
  }
}

/**
 * Files to open, held until the page is listening. The page subscribes to the push event first and
 * then takes what arrived before (the launch file, or a macOS 'open-file' during startup); from then
 * on each file is delivered as it comes. A page that goes away (window closed, reload) must take again.
 */
export class OpenFileQueue {
  private pending: string | null = null;
  private listening = false;

  /** @param deliver pushes a file to the listening page */
  constructor(private readonly deliver: (file: string) => void) {}

  /** A file to open arrived; a newer one replaces a file not taken yet (the user's latest choice). */
  offer(file: string): void {
    if (this.listening) this.deliver(file);
    else this.pending = file;
  }

  /** The page is listening now: returns, once, the file that came before. */
  take(): string | null {
    this.listening = true;
    const file = this.pending;
    this.pending = null;
    return file;
  }

  /** The page stopped listening (its window closed or reloads): hold files again until it takes. */
  pause(): void {
    this.listening = false;
  }
}

/**
 * The file as the import screen takes it. A file that cannot be read gets size 0 rather than being
 * dropped: opening it then shows the reader's own message (moved, no permission) instead of nothing.
 */
export async function describeFile(file: string): Promise<PickedFile> {
  const size = await stat(file).then(
    (info) => info.size,
    () => 0,
  );
  return { path: file, name: path.basename(file), size };
}
