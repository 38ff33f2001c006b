/**
 * The packaging check's rules (issue 9): pure functions over what the built app holds, so every rule is
 * unit-tested without building anything. `check-package.ts` gathers the inputs (the app archive, the
 * bundles, the installed dependencies) and prints what these functions find wrong.
 */

/** One file of the packaged app: its path inside the app (forward slashes, no leading one) and size. */
export interface PackagedFile {
  readonly path: string;
  readonly size: number;
  /** Stored beside the archive (`app.asar.unpacked`) rather than in it. */
  readonly unpacked: boolean;
}

/** A node_modules package, as shipped or as installed. */
export interface PackageId {
  readonly name: string;
  readonly version: string;
}

/** A node of an asar header, the shape `@electron/asar`'s `getRawHeader(...).header` has. */
export interface AsarNode {
  readonly files?: Readonly<Record<string, AsarNode>>;
  readonly size?: number;
  readonly unpacked?: boolean;
  readonly link?: string;
}

/** The files a packaged app must hold, besides at least one renderer script. */
export const REQUIRED_FILES: ReadonlyArray<string> = [
  'package.json',
  'out/main/index.js',
  // The file-reading worker, an entry of its own that the engine starts beside index.js.
  'out/main/read-worker.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];

/** How many example paths a problem lists before saying "and N more". */
const EXAMPLES = 5;

/** Every file (not directory, not link) under an asar header, in archive order. */
export function listAsarFiles(root: AsarNode, prefix = ''): PackagedFile[] {
  const files: PackagedFile[] = [];
  for (const [name, node] of Object.entries(root.files ?? {})) {
    const filePath = prefix ? `${prefix}/${name}` : name;
    if (node.files) files.push(...listAsarFiles(node, filePath));
    else if (node.link === undefined) {
      files.push({ path: filePath, size: node.size ?? 0, unpacked: node.unpacked === true });
    }
  }
  return files;
}

/**
 * The module specifiers a built bundle loads at run time: static imports and re-exports (rolldown
 * writes them one per line at the top of the file), and `import()` / `require()` with a literal.
 * Line-anchored on purpose: a string like `… from "Website"` inside the code is not an import.
 */
export function bundleImports(code: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /^\s*(?:import|export)\s*(?:[\w*$\s{},]*?\s*from\s*)?["']([^"']+)["']/gm,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) if (match[1]) found.add(match[1]);
  }
  return [...found].sort();
}

/**
 * The names each static import takes from its module (`default` for a default import; nothing for a
 * namespace import), so a load test can tell whether Node's ESM linker will find them — a named import
 * from a CommonJS package fails at startup when Node cannot detect that export.
 */
export function staticImportBindings(code: string): Map<string, string[]> {
  const bindings = new Map<string, Set<string>>();
  for (const match of code.matchAll(/^\s*import\s+([\w$*\s{},]+?)\s*from\s*["']([^"']+)["']/gm)) {
    const clause = match[1] ?? '';
    const specifier = match[2] ?? '';
    const names = bindings.get(specifier) ?? new Set<string>();
    bindings.set(specifier, names);
    const braces = /\{([^}]*)\}/.exec(clause);
    const outside = clause
      .replace(/\{[^}]*\}/, '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    if (outside.some((part) => !part.startsWith('*'))) names.add('default');
    for (const item of (braces?.[1] ?? '').split(',')) {
      const imported = item
        .trim()
        .split(/\s+as\s+/)[0]
        ?.trim();
      if (imported) names.add(imported);
    }
  }
  return new Map([...bindings].map(([specifier, names]) => [specifier, [...names].sort()]));
}

/**
 * The npm package a specifier names (`exceljs/lib/x` → `exceljs`, `@scope/p/x` → `@scope/p`), or null
 * for relative and absolute paths, URLs and Node's own modules.
 */
export function packageOf(specifier: string, builtins: ReadonlySet<string>): string | null {
  if (/^(\.|\/|[a-z]+:)/i.test(specifier)) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
  return builtins.has(name) ? null : name;
}

/** True for a path inside some node_modules folder. */
function inNodeModules(filePath: string): boolean {
  return filePath.startsWith('node_modules/') || filePath.includes('/node_modules/');
}

/** The paths of each shipped package's own package.json (not files deeper in a package). */
export function packageManifestPaths(files: ReadonlyArray<PackagedFile>): string[] {
  return files
    .map((file) => file.path)
    .filter((p) => /(^|\/)node_modules\/(@[^/]+\/)?[^/@][^/]*\/package\.json$/.test(p));
}

/** Required files that are missing, and a manifest `main` that points elsewhere. */
export function checkRequiredFiles(
  files: ReadonlyArray<PackagedFile>,
  manifest: { readonly main?: unknown },
): string[] {
  const present = new Set(files.map((file) => file.path));
  const problems = REQUIRED_FILES.filter((required) => !present.has(required)).map(
    (required) => `missing ${required}`,
  );
  if (manifest.main !== 'out/main/index.js') {
    problems.push(`package.json "main" is ${JSON.stringify(manifest.main)}, not "out/main/index.js"`);
  }
  if (!files.some((file) => /^out\/renderer\/.+\.js$/.test(file.path))) {
    problems.push('no renderer script under out/renderer/');
  }
  return problems;
}

/** The local files an HTML page loads (`src`/`href` that are not URLs or fragments), relative to it. */
export function htmlReferences(html: string): string[] {
  const refs = new Set<string>();
  for (const match of html.matchAll(/\b(?:src|href)\s*=\s*["']([^"'#?]+)[^"']*["']/gi)) {
    const ref = match[1] ?? '';
    if (ref && !/^([a-z]+:|\/\/|data:)/i.test(ref)) refs.add(ref.replace(/^\.\//, '').replace(/^\//, ''));
  }
  return [...refs];
}

/** Files the renderer page references that the archive lacks. */
export function checkRendererAssets(html: string, files: ReadonlyArray<PackagedFile>): string[] {
  const present = new Set(files.map((file) => file.path));
  return htmlReferences(html)
    .filter((ref) => !present.has(`out/renderer/${ref}`))
    .map((ref) => `out/renderer/index.html loads ${ref}, which is not in the package`);
}

/** The kinds of file that must not ship, each with the test that spots it. */
const FORBIDDEN: ReadonlyArray<{ readonly what: string; readonly test: (p: string) => boolean }> = [
  {
    what: 'files that are not build output (only out/**, package.json and node_modules ship)',
    test: (p) => !inNodeModules(p) && p !== 'package.json' && !p.startsWith('out/'),
  },
  { what: 'source maps', test: (p) => /\.map$/i.test(p) },
  { what: 'TypeScript sources or declarations', test: (p) => /\.(ts|tsx|mts|cts)$/i.test(p) },
  {
    what: 'test files',
    test: (p) => /(^|\/)(test|tests|__tests__|__mocks__)\//.test(p) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(p),
  },
];

/** One problem per kind of forbidden file found, with a few example paths. */
export function checkForbiddenFiles(files: ReadonlyArray<PackagedFile>): string[] {
  const problems: string[] = [];
  for (const { what, test } of FORBIDDEN) {
    const hits = files.map((file) => file.path).filter(test);
    if (hits.length > 0) problems.push(`${hits.length} ${what}: ${examples(hits)}`);
  }
  return problems;
}

/** The preload's imports other than `electron`: a sandboxed preload can load nothing else. */
export function checkPreloadImports(imports: ReadonlyArray<string>): string[] {
  return imports
    .filter((specifier) => specifier !== 'electron')
    .map((specifier) => `the preload loads "${specifier}"; a sandboxed preload can load only "electron"`);
}

/** How a package installed on disk is found from a folder, as Node resolves it. */
export interface InstalledPackage extends PackageId {
  /** Where it is installed (its folder), used as the base for resolving its own dependencies. */
  readonly dir: string;
  /** Its `dependencies` and the `optionalDependencies` that are installed. */
  readonly dependencies: ReadonlyArray<string>;
  readonly optionalDependencies: ReadonlyArray<string>;
}

/** What {@link dependencyClosure} found. */
export interface Closure {
  readonly packages: ReadonlyArray<InstalledPackage>;
  /** `name (needed by who)` for required packages that are not installed. */
  readonly unresolved: ReadonlyArray<string>;
}

/**
 * Every package the app loads at run time: the bundle's external imports and, recursively, their
 * dependencies, each resolved from the folder of the package that needs it. `@types/*` packages are
 * skipped: a few libraries list them as dependencies, yet they hold only declarations.
 */
export function dependencyClosure(
  roots: ReadonlyArray<string>,
  resolve: (name: string, fromDir: string) => InstalledPackage | null,
  rootDir: string,
): Closure {
  const seen = new Map<string, InstalledPackage>();
  const unresolved: string[] = [];
  const queue: Array<{ name: string; from: string; by: string; optional: boolean }> = roots.map((name) => ({
    name,
    from: rootDir,
    by: 'the main bundle',
    optional: false,
  }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    if (next.name.startsWith('@types/')) continue;
    const found = resolve(next.name, next.from);
    if (!found) {
      if (!next.optional) unresolved.push(`${next.name} (needed by ${next.by})`);
      continue;
    }
    if (seen.has(found.dir)) continue;
    seen.set(found.dir, found);
    const by = `${found.name}@${found.version}`;
    for (const name of found.dependencies) queue.push({ name, from: found.dir, by, optional: false });
    for (const name of found.optionalDependencies) queue.push({ name, from: found.dir, by, optional: true });
  }
  return { packages: [...seen.values()], unresolved };
}

/** `name@version`, the identity two package lists are compared by (install folders may differ). */
export function packageKey(pkg: PackageId): string {
  return `${pkg.name}@${pkg.version}`;
}

/**
 * Shipped packages against the ones the main bundle needs: anything extra (a dev dependency, a
 * dependency the bundle already contains, a CLI-only package) or missing is a problem.
 */
export function compareModules(
  shipped: ReadonlyArray<PackageId>,
  needed: ReadonlyArray<PackageId>,
  devDependencies: Readonly<Record<string, string>>,
): string[] {
  const shippedKeys = new Set(shipped.map(packageKey));
  const neededKeys = new Set(needed.map(packageKey));
  const problems: string[] = [];
  for (const pkg of shipped) {
    if (neededKeys.has(packageKey(pkg))) continue;
    const why =
      pkg.name in devDependencies
        ? 'it is a devDependency'
        : 'the main bundle does not load it (bundled into out/main, or used only outside the app)';
    problems.push(`node_modules ships ${packageKey(pkg)}, but ${why}`);
  }
  for (const pkg of needed) {
    if (!shippedKeys.has(packageKey(pkg))) {
      problems.push(`the main bundle needs ${packageKey(pkg)} at run time, but the package lacks it`);
    }
  }
  return [...new Set(problems)].sort();
}

/**
 * The file a package's manifest names as what `import`/`require` load: the `exports` "." entry under the
 * conditions Node uses, else `main`, else `index.js`. Null when the manifest exposes no root entry.
 */
export function packageEntry(manifest: {
  readonly main?: unknown;
  readonly exports?: unknown;
}): string | null {
  const conditions = ['node', 'import', 'require', 'default'];
  const pick = (target: unknown): string | null => {
    if (typeof target === 'string') return target;
    if (Array.isArray(target)) return pick(target[0]);
    if (target && typeof target === 'object') {
      for (const condition of conditions) {
        const chosen = pick((target as Record<string, unknown>)[condition]);
        if (chosen) return chosen;
      }
    }
    return null;
  };
  const exportsField = manifest.exports;
  if (exportsField !== undefined) {
    const isSubpathMap =
      exportsField !== null &&
      typeof exportsField === 'object' &&
      !Array.isArray(exportsField) &&
      Object.keys(exportsField).some((key) => key.startsWith('.'));
    const root = isSubpathMap ? (exportsField as Record<string, unknown>)['.'] : exportsField;
    const chosen = pick(root);
    if (chosen) return normalise(chosen);
    if (isSubpathMap) return null;
  }
  return normalise(typeof manifest.main === 'string' && manifest.main ? manifest.main : 'index.js');
}

function normalise(entry: string): string {
  return entry.replace(/^\.\//, '').replace(/\/$/, '/index.js');
}

/** True when `entry` (relative to `dir`) is a file of the package, trying Node's `main` completions. */
export function entryExists(dir: string, entry: string, present: ReadonlySet<string>): boolean {
  const base = `${dir}/${entry}`;
  return [base, `${base}.js`, `${base}.json`, `${base}/index.js`].some((candidate) => present.has(candidate));
}

/** Groups example paths: the first few, then how many more. */
export function examples(paths: ReadonlyArray<string>): string {
  const shown = paths.slice(0, EXAMPLES).join(', ');
  return paths.length > EXAMPLES ? `${shown} and ${paths.length - EXAMPLES} more` : shown;
}

/** A byte count as people read it (1 decimal, binary units, as `du -h` does). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A file by name and size (the samples shipped beside the archive, `extraResources`). */
export interface NamedFile {
  readonly name: string;
  readonly size: number;
}

/**
 * The sample files the packaged app must hold in `resources/samples/`: every one of the repository's
 * (same name, same size), and among them the one the engine opens for the welcome panel's import tour.
 */
export function checkShippedSamples(
  expected: ReadonlyArray<NamedFile>,
  shipped: ReadonlyArray<NamedFile>,
  required: string,
): string[] {
  const problems: string[] = [];
  if (!expected.some((file) => file.name === required)) {
    problems.push(`resources/samples/${required} (the import tour's sample) is not in the repository`);
  }
  for (const file of expected) {
    const copy = shipped.find((s) => s.name === file.name);
    if (!copy) problems.push(`resources/samples/${file.name} is not shipped (extraResources)`);
    else if (copy.size !== file.size) {
      problems.push(
        `resources/samples/${file.name} is shipped with ${copy.size} bytes instead of ${file.size}`,
      );
    }
  }
  return problems;
}
