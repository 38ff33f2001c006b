/**
 * Where the sample spreadsheet shipped with Orgport is. It lives in `resources/samples/` of the
 * repository; electron-builder copies that folder to `<resources>/samples/` of the installed app
 * (`extraResources`), next to `app.asar`, so a plain file path reaches it in both cases. The engine
 * does not know Electron: the desktop main process passes its resources folder in, and the CLI and the
 * web bridge, which always run from the repository, use the default.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PickedFile } from '../../../shared/ipc.ts';

/** The sample's file name (documented, with its expected import outcome, in `resources/samples/README.md`). */
export const SAMPLE_FILE_NAME = 'trade-fair-leads.csv';

/** The folder under the resources folder that holds the samples. */
export const SAMPLES_FOLDER = 'samples';

/** The repository's `resources/` folder, as seen from this source file (dev, CLI, web bridge). */
export function repositoryResourcesDir(): string {
  // Not `new URL('…', import.meta.url)`: bundlers rewrite that pattern into an asset reference.
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'resources');
}

/**
 * The resources folder the desktop app should hand the engine: Electron's `process.resourcesPath`
 * once packaged, the repository's `resources/` folder when run from the sources.
 */
export function desktopResourcesDir(packaged: boolean, resourcesPath: string, appPath: string): string {
  return packaged ? resourcesPath : path.join(appPath, 'resources');
}

/** The sample's path under a resources folder. */
export function sampleFilePath(resourcesDir: string): string {
  return path.join(resourcesDir, SAMPLES_FOLDER, SAMPLE_FILE_NAME);
}

/** The sample as a file the import can open, or null when this installation lacks it. */
export async function bundledSample(resourcesDir: string): Promise<PickedFile | null> {
  const file = sampleFilePath(resourcesDir);
  try {
    const info = await stat(file);
    return info.isFile() ? { path: file, name: SAMPLE_FILE_NAME, size: info.size } : null;
  } catch {
    // A missing sample only hides one tour; the rest of the app does not depend on it.
    return null;
  }
}
