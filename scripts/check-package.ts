/**
 * `npm run check:package` (issue 9): builds the app, packages it unpacked for Linux against a stub
 * Electron (the real binary cannot be downloaded here), and inspects what would ship: the bundles and
 * manifest are in the archive, nothing else from the repo is, node_modules holds exactly what the main
 * bundle loads, those packages load under Node, and the installer configuration (file associations,
 * icons, deb metadata) is complete. Prints the sizes; exits 1 with the list of what is wrong.
 *
 * Flags: `--skip-build` reuses `out/`; `--keep` leaves the packaged app in a temp folder and prints it.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { extractAll, extractFile, getRawHeader } from '@electron/asar';
import { Packager, Platform, archFromString, type Configuration } from 'electron-builder';
import { checkDistMetadata, checkFileAssociations, checkIcons } from './package-config.ts';
import {
  bundleImports,
  checkForbiddenFiles,
  checkPreloadImports,
  checkRendererAssets,
  checkRequiredFiles,
  checkShippedSamples,
  compareModules,
  dependencyClosure,
  entryExists,
  formatBytes,
  listAsarFiles,
  packageEntry,
  packageManifestPaths,
  packageOf,
  staticImportBindings,
  type AsarNode,
  type InstalledPackage,
  type PackagedFile,
} from './package-inspection.ts';
import { SAMPLE_FILE_NAME, SAMPLES_FOLDER } from '../electron/engine/app/sample-file.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const BUILTINS = new Set([...builtinModules, 'electron']);

interface Manifest {
  readonly name?: string;
  readonly version?: string;
  readonly main?: unknown;
  readonly exports?: unknown;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

const args = new Set(process.argv.slice(2));
const started = performance.now();
const work = mkdtempSync(path.join(os.tmpdir(), 'orgport-package-'));

async function checkPackage(): Promise<number> {
  if (!args.has('--skip-build')) {
    step('electron-vite build');
    const bin = path.join(
      path.dirname(require.resolve('electron-vite/package.json')),
      'bin/electron-vite.js',
    );
    const built = spawnSync(process.execPath, [bin, 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('electron-vite build failed');
  }

  step('electron-builder --linux dir (stub Electron)');
  const { appDir, config, metadata } = await packageUnpacked();
  const archive = path.join(appDir, 'resources', 'app.asar');
  if (!existsSync(archive)) throw new Error(`no app.asar in ${appDir} (is asar switched off?)`);

  step('inspecting the app');
  const header: AsarNode = getRawHeader(archive).header;
  const files = listAsarFiles(header);
  const present = new Set(files.map((file) => file.path));
  const text = (file: string): string =>
    present.has(file) ? extractFile(archive, file).toString('utf8') : '';
  const manifest = JSON.parse(text('package.json') || '{}') as Manifest;
  // Every script of the main process: index.js, the file-reading worker's entry and their shared chunks.
  const mainCode = files
    .filter((file) => /^out\/main\/[^/]+\.js$/.test(file.path))
    .map((file) => text(file.path))
    .join('\n');
  const projectManifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

  const shipped = packageManifestPaths(files).map((manifestPath) => {
    const pkg = JSON.parse(extractFile(archive, manifestPath).toString('utf8')) as Manifest;
    return { dir: path.posix.dirname(manifestPath), name: pkg.name ?? '?', version: pkg.version ?? '?', pkg };
  });
  const externals = [
    ...new Set(bundleImports(mainCode).flatMap((spec) => packageOf(spec, BUILTINS) ?? [])),
  ].sort();
  const needed = dependencyClosure(externals, resolveInstalled, ROOT);

  const problems: Record<string, string[]> = {
    'app files': [
      ...checkRequiredFiles(files, manifest),
      ...checkRendererAssets(text('out/renderer/index.html'), files),
      ...checkForbiddenFiles(files),
      ...checkPreloadImports(bundleImports(text('out/preload/index.cjs'))),
    ],
    'bundled samples (extraResources)': checkShippedSamples(
      samplesIn(path.join(ROOT, 'resources', SAMPLES_FOLDER)),
      samplesIn(path.join(appDir, 'resources', SAMPLES_FOLDER)),
      SAMPLE_FILE_NAME,
    ),
    node_modules: [
      ...needed.unresolved.map((name) => `not installed here: ${name}`),
      ...compareModules(shipped, needed.packages, projectManifest.devDependencies ?? {}),
      ...shipped
        .filter(({ dir, pkg }) => {
          const entry = packageEntry(pkg);
          return entry !== null && !entryExists(dir, entry, present);
        })
        .map(({ dir, pkg }) => `${dir}: its entry ${packageEntry(pkg)} is not in the package`),
    ],
    'loading the externals under Node': loadExternals(archive, staticImportBindings(mainCode), externals),
    'installer configuration': [
      ...checkFileAssociations(config, readIfExists(resource(config, config.nsis?.include))),
      ...checkIcons(readIcons(config)),
      ...checkDistMetadata(config, metadata),
    ],
  };

  report(appDir, archive, files, shipped.length);
  const failed = Object.entries(problems).filter(([, list]) => list.length > 0);
  if (failed.length === 0) {
    console.log(`\ncheck:package: OK — main loads ${externals.join(', ')}`);
    return 0;
  }
  console.error('\ncheck:package: FAILED');
  for (const [area, list] of failed) {
    console.error(`  ${area}:`);
    for (const problem of list) console.error(`    - ${problem}`);
  }
  return 1;
}

/** Runs electron-builder's `dir` target through its API, which also hands back the resolved config. */
async function packageUnpacked(): Promise<{
  appDir: string;
  config: Configuration;
  metadata: Parameters<typeof checkDistMetadata>[1];
}> {
  // A stand-in for the Electron runtime: `dir` only copies it and renames the executable.
  const stub = path.join(work, 'electron-stub');
  const executable = path.join(stub, process.platform === 'win32' ? 'electron.exe' : 'electron');
  mkdirSync(stub, { recursive: true });
  writeFileSync(executable, '#!/bin/sh\necho "stub Electron from check:package: not runnable" >&2\nexit 1\n');
  chmodSync(executable, 0o755);
  // Nothing may try to fetch the real runtime (toolchain.md): electronDist points at the stub.
  process.env['ELECTRON_SKIP_BINARY_DOWNLOAD'] = '1';

  const packager = new Packager({
    projectDir: ROOT,
    targets: Platform.LINUX.createTarget('dir', archFromString(process.arch)),
    config: { electronDist: stub, npmRebuild: false, directories: { output: path.join(work, 'dist') } },
  });
  const packed: { appDir?: string } = {};
  packager.onAfterPack((context) => {
    packed.appDir = context.appOutDir;
  });
  const result = await withClippedOutput(() => packager.build());
  if (!packed.appDir) throw new Error('electron-builder finished without packing the app');
  return { appDir: packed.appDir, config: result.configuration, metadata: packager.metadata };
}

/**
 * Imports every external of the main bundle from an extracted copy of the archive under plain Node and
 * checks each came from the app's own node_modules and has the names the bundle imports. Electron is left
 * out: the stub has no runtime to give.
 */
function loadExternals(archive: string, bindings: Map<string, string[]>, externals: string[]): string[] {
  const app = path.join(work, 'extracted');
  extractAll(archive, app);
  const wanted = [...bindings]
    .filter(([specifier]) => externals.includes(packageOf(specifier, BUILTINS) ?? ''))
    .map(([specifier, names]) => ({ specifier, names }));
  const probe = path.join(app, 'out', 'main', 'load-probe.mjs');
  writeFileSync(probe, LOAD_PROBE);
  const run = spawnSync(process.execPath, [probe, JSON.stringify(wanted)], { cwd: app, encoding: 'utf8' });
  if (run.status !== 0) return [`the load probe failed: ${run.stderr.trim().split('\n')[0] ?? ''}`];
  const appUrl = pathToFileURL(app).href;
  const results = JSON.parse(run.stdout) as Array<{
    specifier: string;
    url?: string;
    missing?: string[];
    error?: string;
  }>;
  return results.flatMap(({ specifier, url, missing, error }) => {
    if (error) return [`import "${specifier}" fails: ${error}`];
    if (!url?.startsWith(`${appUrl}/`)) return [`"${specifier}" resolves outside the app (${url})`];
    return (missing ?? []).map((name) => `"${specifier}" has no export "${name}" under Node's ESM loader`);
  });
}

const LOAD_PROBE = `// Written by scripts/check-package.ts into an extracted copy of the app; deleted with it.
const results = [];
for (const { specifier, names } of JSON.parse(process.argv[2])) {
  try {
    const url = import.meta.resolve(specifier);
    const namespace = await import(specifier);
    results.push({ specifier, url, missing: names.filter((name) => !(name in namespace)) });
  } catch (error) {
    results.push({ specifier, error: String(error?.message ?? error).split('\\n')[0] });
  }
}
process.stdout.write(JSON.stringify(results));
`;

/** Finds `name` the way Node does from `fromDir`, without leaving the project. */
function resolveInstalled(name: string, fromDir: string): InstalledPackage | null {
  for (let dir = fromDir; dir.startsWith(ROOT); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    const manifestFile = path.join(candidate, 'package.json');
    if (existsSync(manifestFile)) {
      const pkg = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
      return {
        dir: candidate,
        name: pkg.name ?? name,
        version: pkg.version ?? '?',
        dependencies: Object.keys(pkg.dependencies ?? {}),
        optionalDependencies: Object.keys(pkg.optionalDependencies ?? {}),
      };
    }
    if (dir === ROOT) break;
  }
  return null;
}

/** A path from the config, relative to the project or to the build resources, as electron-builder reads it. */
function resource(config: Configuration, file: string | null | undefined): string | null {
  if (!file) return null;
  const candidates = [
    path.resolve(ROOT, file),
    path.resolve(ROOT, config.directories?.buildResources ?? 'build', file),
  ];
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}

function readIfExists(file: string | null): string | null {
  return file && existsSync(file) ? readFileSync(file, 'utf8') : null;
}

function readIcons(config: Configuration): Parameters<typeof checkIcons>[0] {
  const linuxDir = resource(config, config.linux?.icon);
  const bytes = (file: string | null): Uint8Array | null =>
    file && statSync(file).isFile() ? readFileSync(file) : null;
  return {
    linux:
      linuxDir && statSync(linuxDir).isDirectory()
        ? new Map(readdirSync(linuxDir).map((name) => [name, readFileSync(path.join(linuxDir, name))]))
        : null,
    ico: bytes(resource(config, config.win?.icon)),
    icns: bytes(resource(config, config.mac?.icon)),
  };
}

/** Prints the sizes: the archive, the app folder, and what takes the room. */
function report(appDir: string, archive: string, files: ReadonlyArray<PackagedFile>, packages: number): void {
  const sum = (list: ReadonlyArray<PackagedFile>): number =>
    list.reduce((total, file) => total + file.size, 0);
  const byPackage = new Map<string, number>();
  for (const file of files) {
    const match = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file.path);
    if (match?.[1]) byPackage.set(match[1], (byPackage.get(match[1]) ?? 0) + file.size);
  }
  const largest = [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([name, size]) => `${name} ${formatBytes(size)}`);
  const bundles = files.filter((file) => file.path.startsWith('out/'));
  const modules = files.filter((file) => file.path.startsWith('node_modules/'));
  console.log(
    [
      '',
      `app.asar: ${formatBytes(statSync(archive).size)} (${files.length} files)`,
      `  bundles (out/): ${formatBytes(sum(bundles))}`,
      `  node_modules: ${formatBytes(sum(modules))} in ${packages} packages; largest: ${largest.join(', ')}`,
      `  unpacked beside it: ${formatBytes(sum(files.filter((file) => file.unpacked)))}`,
      `unpacked app folder: ${formatBytes(folderSize(appDir))} (plus Electron's own runtime, not present here)`,
    ].join('\n'),
  );
}

/** The sample data files of a folder (what extraResources copies: `*.csv`); none when it is missing. */
function samplesIn(dir: string): Array<{ name: string; size: number }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.csv'))
    .map((name) => ({ name, size: statSync(path.join(dir, name)).size }));
}

function folderSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderSize(full) : statSync(full).size;
  }
  return total;
}

function step(title: string): void {
  console.log(`\n== ${title}`);
}

/**
 * Runs `task` with stdout lines cut at 200 characters: electron-builder logs every duplicate dependency
 * reference of the tree on one line of several kilobytes, which buries the rest of a CI log.
 */
async function withClippedOutput<T>(task: () => Promise<T>): Promise<T> {
  const write = process.stdout.write.bind(process.stdout);
  const max = 200;
  let column = 0;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    let out = '';
    for (const part of (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()).split(/(\n)/)) {
      if (part === '\n') {
        out += part;
        column = 0;
      } else if (column < max) {
        out += part.length > max - column ? `${part.slice(0, max - column)} …` : part;
        column += part.length;
      }
    }
    return write(out, ...rest);
  }) as typeof process.stdout.write;
  try {
    return await task();
  } finally {
    process.stdout.write = write;
  }
}

// Last, so every constant above is initialised before the check runs.
let exitCode = 1;
try {
  exitCode = await checkPackage();
} catch (error) {
  console.error(
    `\ncheck:package could not finish: ${error instanceof Error ? error.message : String(error)}`,
  );
} finally {
  if (args.has('--keep')) console.log(`kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
process.exitCode = exitCode;
