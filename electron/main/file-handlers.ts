/**
 * The file and shell calls in the desktop app: native open/save dialogs attached to the window, and
 * the OS opening a report or showing it in its folder — only for files Orgport wrote or the user chose.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserWindow, Dialog, Shell } from 'electron';
import type { FileFilter } from '../../shared/ipc.ts';
import { ApiCallError } from '../engine/app/dispatch.ts';
import type { FileHandlers } from '../engine/app/handlers.ts';
import type { OpenablePaths } from '../engine/app/openable-paths.ts';
import { describeFile } from './launch-file.ts';

/** Electron wants mutable arrays; the contract hands out read-only ones. */
export function toElectronFilters(filters: ReadonlyArray<FileFilter> | undefined): Electron.FileFilter[] {
  return (filters ?? []).map((f) => ({ name: f.name, extensions: [...f.extensions] }));
}

/** The desktop file handlers for one window. */
export function desktopFileHandlers(deps: {
  readonly window: () => BrowserWindow | null;
  readonly dialog: Dialog;
  readonly shell: Shell;
  readonly openable: OpenablePaths;
  /** The file the OS asked us to open before the page was listening, if any (taken once). */
  readonly takeOpened: () => string | null;
}): FileHandlers {
  const { dialog, shell, openable } = deps;
  return {
    'file/open-dialog': async ({ title, filters }) => {
      const options: Electron.OpenDialogOptions = {
        properties: ['openFile'],
        filters: toElectronFilters(filters),
        ...(title ? { title } : {}),
      };
      const win = deps.window();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      const file = result.canceled ? undefined : result.filePaths[0];
      if (!file) return null;
      return { path: file, name: path.basename(file), size: (await stat(file)).size };
    },
    'file/save-dialog': async ({ title, defaultName, filters }) => {
      const options: Electron.SaveDialogOptions = {
        defaultPath: path.basename(defaultName),
        filters: toElectronFilters(filters),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
        ...(title ? { title } : {}),
      };
      const win = deps.window();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      openable.allow(result.filePath);
      return { path: result.filePath };
    },
    'shell/open-path': async ({ path: target }) => {
      const file = await openable.check(target, 'file');
      const failure = await shell.openPath(file);
      if (failure) throw new ApiCallError('internal', `The file could not be opened: ${failure}`);
    },
    'shell/show-in-folder': async ({ path: target }) => {
      shell.showItemInFolder(await openable.check(target));
    },
    'file/take-opened': async () => {
      const file = deps.takeOpened();
      return file ? describeFile(file) : null;
    },
  };
}
