/**
 * The crash tests' child program, bundled once, and their seeded random source.
 *
 * Why a bundle: every kill needs a new process, and starting the engine through tsx costs 2–4 s on a
 * loaded 2-core machine (tsx compiles each of a few hundred files, and exceljs alone takes 0.8 s to
 * resolve and load). One esbuild bundle with its dependencies inside starts in about 0.5 s. It is the
 * same source code, only in one file.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const CHILD_SOURCE = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
// The engine reads files in a worker thread whose script, in a bundled build, is `read-worker.js`
// beside the bundle (read-worker-client.ts): it is bundled as a second entry, as the app build does.
const READ_WORKER_SOURCE = fileURLToPath(
  new URL('../../electron/engine/files/read/read-worker.ts', import.meta.url),
);

/** A bundled child program; `dispose` removes it. */
export interface ChildBundle {
  /** The bundled file to run with `node`. */
  readonly file: string;
  dispose(): Promise<void>;
}

/**
 * Bundles crash-child.ts and everything it imports into one ES module in a temporary folder, with
 * the file-reading worker's script beside it.
 */
export async function bundleChild(): Promise<ChildBundle> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'orgport-crash-child-'));
  // `.js` files there are ES modules, as the bundles are.
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  const file = path.join(dir, 'crash-child.js');
  await build({
    entryPoints: { 'crash-child': CHILD_SOURCE, 'read-worker': READ_WORKER_SOURCE },
    outdir: dir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    // Bundled CommonJS packages (exceljs, papaparse…) call require() for Node's built-ins.
    banner: {
      js: "import { createRequire as __crashRequire } from 'node:module';\nconst require = __crashRequire(import.meta.url);",
    },
  });
  return { file, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * The seed of this run: `ORGPORT_CRASH_SEED` when set (to replay a failure), else a fresh one. The
 * test prints it, so any run can be repeated exactly as far as the draws go (the kills' timing
 * against the child's own progress still varies from machine to machine).
 */
export function crashSeed(env: NodeJS.ProcessEnv = process.env): number {
  const given = env['ORGPORT_CRASH_SEED'];
  if (given !== undefined && given.trim() !== '') {
    const seed = Number(given);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new Error(`ORGPORT_CRASH_SEED must be an integer from 0 to 4294967295, not ${given}`);
    }
    return seed;
  }
  return Math.floor(Math.random() * 0xffffffff);
}

/** The sandbox's seeded generator (mulberry32): the same seed gives the same draws. */
export { Rng as SeededRandom } from '../../electron/engine/sandbox/prng.ts';
