/**
 * The file and shell calls in the browser version. There is no native dialog and no OS shell on the
 * far side of a browser tab, so: files to open are picked in the page and uploaded (the web client does
 * that itself); saves go into one folder the user can see; "open" becomes a download; "show in folder"
 * says plainly where the file is. A file to open at start (`orgport web FILE`) is handed to the page
 * once, as Electron hands over the file the OS opened it with.
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileHandlers } from '../engine/app/handlers.ts';
import { ApiCallError } from '../engine/app/dispatch.ts';
import type { OpenablePaths } from '../engine/app/openable-paths.ts';
import { describeFile } from '../main/launch-file.ts';

/** Picks a path in `folder` for `name` that no file has yet: `orgs.xlsx`, `orgs (2).xlsx`, … */
export async function freePath(folder: string, name: string): Promise<string> {
  const clean = path.basename(name).replace(/[<>:"|?*\\/]/g, '_') || 'export';
  const ext = path.extname(clean);
  const stem = clean.slice(0, clean.length - ext.length);
  for (let n = 1; ; n += 1) {
    const candidate = path.join(folder, n === 1 ? clean : `${stem} (${n})${ext}`);
    try {
      await stat(candidate);
    } catch {
      return candidate;
    }
  }
}

/** The bridge's file handlers. */
export function bridgeFileHandlers(options: {
  readonly saveFolder: string;
  readonly openable: OpenablePaths;
  /** A file the page is handed once, as if the OS had opened it with Orgport (`orgport web FILE`). */
  readonly openFile?: string;
}): FileHandlers {
  const { saveFolder, openable } = options;
  let toOpen = options.openFile ?? null;
  return {
    'file/open-dialog': async () => {
      // The web client implements this call in the page (a file input plus an upload).
      throw new ApiCallError('unsupported', 'Pick the file in the page.');
    },
    'file/save-dialog': async ({ defaultName }) => {
      await mkdir(saveFolder, { recursive: true });
      const target = await freePath(saveFolder, defaultName);
      openable.allow(target);
      return { path: target };
    },
    'shell/open-path': async ({ path: target }) => {
      // Checked here; the web client then fetches it from the download route (checked again there).
      await openable.check(target, 'file');
    },
    'shell/show-in-folder': async ({ path: target }) => {
      const resolved = await openable.check(target);
      throw new ApiCallError(
        'unsupported',
        `The browser version cannot open folders. The file is in ${path.dirname(resolved)}.`,
      );
    },
    // Taken once, like Electron's launch file: a reload then opens where it is, not the file again.
    'file/take-opened': async () => {
      const file = toOpen;
      toOpen = null;
      return file ? describeFile(file) : null;
    },
  };
}
