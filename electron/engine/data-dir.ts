/**
 * The app's data folder, shared by the CLI and the desktop app so that a job started in one shows up
 * (and can be resumed) in the other. It is the folder Electron's `app.getPath('userData')` gives for an
 * app named "Orgport"; the main process should still call `app.setPath('userData', dataDir())` at
 * start-up so the two can never drift apart (Electron derives the name from package.json's
 * `productName`, falling back to `name`, which is lower-case "orgport" here).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';

/** The folder name under the per-OS application-data folder. */
export const APP_FOLDER_NAME = 'Orgport';

/** What `dataDir` looks at; every part can be given so the choice is testable on any OS. */
export interface DataDirInputs {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly platform?: NodeJS.Platform;
  readonly homedir?: string;
}

/**
 * The data folder: `ORGPORT_HOME` when set (made absolute), otherwise Linux `$XDG_CONFIG_HOME/Orgport`
 * or `~/.config/Orgport`, macOS `~/Library/Application Support/Orgport`, Windows `%APPDATA%\Orgport`.
 */
export function dataDir(inputs: DataDirInputs = {}): string {
  const env = inputs.env ?? process.env;
  const platform = inputs.platform ?? process.platform;
  const home = inputs.homedir ?? os.homedir();
  // Path rules follow the target OS, not the OS the code runs on, so the tests can check all three.
  const p = platform === 'win32' ? path.win32 : path.posix;

  const override = env['ORGPORT_HOME'];
  if (override) return p.resolve(override);

  switch (platform) {
    case 'win32':
      return p.join(env['APPDATA'] || p.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
    case 'darwin':
      return p.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
    default: {
      // The XDG spec says a relative value is invalid and must be ignored; a relative folder would
      // also differ between a CLI started in one directory and the app started in another.
      const xdg = env['XDG_CONFIG_HOME'];
      const base = xdg && p.isAbsolute(xdg) ? xdg : p.join(home, '.config');
      return p.join(base, APP_FOLDER_NAME);
    }
  }
}

/** The well-known places inside the data folder. */
export interface DataPaths {
  readonly root: string;
  /** One sub-folder per job: `jobs/<id>/`. */
  readonly jobs: string;
  /** Saved mapping profiles. */
  readonly profiles: string;
  /** App settings (connections without their tokens, window state, preferences). */
  readonly settings: string;
}

/** The paths inside a data folder (default: `dataDir()`); nothing is created. */
export function dataPaths(root: string = dataDir()): DataPaths {
  return {
    root,
    jobs: path.join(root, 'jobs'),
    profiles: path.join(root, 'profiles'),
    settings: path.join(root, 'settings.json'),
  };
}

/** Creates the data folder and its sub-folders if missing, and returns their paths. */
export async function ensureDataDir(root: string = dataDir()): Promise<DataPaths> {
  const paths = dataPaths(root);
  await mkdir(paths.jobs, { recursive: true });
  await mkdir(paths.profiles, { recursive: true });
  return paths;
}
