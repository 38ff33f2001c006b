/**
 * Makes sure a renderer build exists before the bridge serves it, so `orgport web` works straight
 * after `npm ci`: when `out/renderer` is missing, incomplete or older than any source it is built from,
 * it is rebuilt with vite's JS API. Builds go to a temporary folder that is swapped in whole, under a
 * lock, so two bridges starting at once (parallel tests) never serve a half-written build.
 */
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { WEB_CLIENT_FILE } from './static-files.ts';

/** Where the sources and the build live. */
export interface RendererBuildPaths {
  readonly projectRoot: string;
  readonly outDir: string;
}

/** The newest modification time (ms) of any file under the given paths; 0 if none exist. */
export async function newestMtime(paths: ReadonlyArray<string>): Promise<number> {
  let newest = 0;
  const visit = async (entry: string): Promise<void> => {
    let info;
    try {
      info = await stat(entry);
    } catch {
      return;
    }
    if (info.isDirectory()) {
      for (const child of await readdir(entry))
        if (child !== 'node_modules') await visit(path.join(entry, child));
    } else newest = Math.max(newest, info.mtimeMs);
  };
  for (const p of paths) await visit(p);
  return newest;
}

/** The inputs of the renderer build. */
export function rendererSources(projectRoot: string): ReadonlyArray<string> {
  return ['renderer', 'shared', 'vite.renderer.config.ts'].map((p) => path.join(projectRoot, p));
}

/** True when `outDir` holds a complete build at least as new as every source. */
export async function isBuildFresh(paths: RendererBuildPaths): Promise<boolean> {
  try {
    const [index, client] = await Promise.all([
      stat(path.join(paths.outDir, 'index.html')),
      stat(path.join(paths.outDir, WEB_CLIENT_FILE)),
    ]);
    const built = Math.min(index.mtimeMs, client.mtimeMs);
    return built >= (await newestMtime(rendererSources(paths.projectRoot)));
  } catch {
    return false;
  }
}

const LOCK_STALE_MS = 5 * 60_000;

async function withLock<T>(lock: string, work: () => Promise<T>): Promise<T> {
  await mkdir(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const info = await stat(lock).catch(() => null);
      // A lock left by a build that crashed must not block every later start.
      if (info && Date.now() - info.mtimeMs > LOCK_STALE_MS) await rm(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** Builds the renderer if needed; returns the folder to serve. */
export async function ensureRendererBuilt(
  paths: RendererBuildPaths,
  log: (line: string) => void = () => undefined,
): Promise<string> {
  if (await isBuildFresh(paths)) return paths.outDir;
  return withLock(`${paths.outDir}.build-lock`, async () => {
    if (await isBuildFresh(paths)) return paths.outDir; // another process built it while we waited
    log('Building the user interface (once after each update)…');
    const temp = `${paths.outDir}.tmp-${process.pid}-${Date.now()}`;
    const { build } = await import('vite');
    await build({
      configFile: path.join(paths.projectRoot, 'vite.renderer.config.ts'),
      root: path.join(paths.projectRoot, 'renderer'),
      logLevel: 'warn',
      build: { outDir: temp, emptyOutDir: true },
    });
    const old = `${paths.outDir}.old-${process.pid}-${Date.now()}`;
    await rename(paths.outDir, old).catch(() => undefined);
    await rename(temp, paths.outDir);
    await rm(old, { recursive: true, force: true });
    return paths.outDir;
  });
}
