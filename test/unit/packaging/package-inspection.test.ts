import { describe, expect, it } from 'vitest';
import {
  bundleImports,
  checkForbiddenFiles,
  checkPreloadImports,
  checkRendererAssets,
  checkRequiredFiles,
  compareModules,
  dependencyClosure,
  entryExists,
  formatBytes,
  listAsarFiles,
  packageEntry,
  packageManifestPaths,
  packageOf,
  staticImportBindings,
  type InstalledPackage,
  type PackagedFile,
} from '../../../scripts/package-inspection.ts';

const file = (path: string, size = 1): PackagedFile => ({ path, size, unpacked: false });
const APP = [
  'package.json',
  'out/main/index.js',
  'out/main/read-worker.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
  'out/renderer/assets/index-abc.js',
  'out/renderer/assets/index-abc.css',
].map((p) => file(p));

describe('reading the archive', () => {
  it('lists files with sizes and the unpacked flag, leaving out folders and links', () => {
    const header = {
      files: {
        'package.json': { size: 10 },
        out: { files: { main: { files: { 'index.js': { size: 20 } } } } },
        node_modules: {
          files: { native: { files: { 'a.node': { size: 5, unpacked: true }, alias: { link: 'a.node' } } } },
        },
      },
    };
    expect(listAsarFiles(header)).toEqual([
      { path: 'package.json', size: 10, unpacked: false },
      { path: 'out/main/index.js', size: 20, unpacked: false },
      { path: 'node_modules/native/a.node', size: 5, unpacked: true },
    ]);
  });

  it("finds each package's own manifest, not manifests deeper inside a package", () => {
    const files = [
      'node_modules/zod/package.json',
      'node_modules/zod/v4/package.json',
      'node_modules/@fast-csv/parse/package.json',
      'node_modules/archiver-utils/node_modules/readable-stream/package.json',
      'package.json',
    ].map((p) => file(p));
    expect(packageManifestPaths(files)).toEqual([
      'node_modules/zod/package.json',
      'node_modules/@fast-csv/parse/package.json',
      'node_modules/archiver-utils/node_modules/readable-stream/package.json',
    ]);
  });
});

describe('what a bundle loads', () => {
  const code = [
    'import { fileURLToPath } from "node:url";',
    'import { BrowserWindow, app } from "electron";',
    'import ExcelJS from "exceljs";',
    'import * as ns from "@scope/pkg/sub";',
    'import def, { a as b, c } from "mixed";',
    'import "side-effect";',
    'const label = "Company" + " from " + "Website";',
    'const later = await import("late-loaded");',
    'const old = require("cjs-thing");',
  ].join('\n');

  it('finds static, dynamic and require imports but not words inside strings', () => {
    expect(bundleImports(code)).toEqual([
      '@scope/pkg/sub',
      'cjs-thing',
      'electron',
      'exceljs',
      'late-loaded',
      'mixed',
      'node:url',
      'side-effect',
    ]);
  });

  it('knows which names each static import takes', () => {
    const bindings = staticImportBindings(code);
    expect(bindings.get('exceljs')).toEqual(['default']);
    expect(bindings.get('@scope/pkg/sub')).toEqual([]);
    expect(bindings.get('mixed')).toEqual(['a', 'c', 'default']);
    expect(bindings.get('electron')).toEqual(['BrowserWindow', 'app']);
  });

  it('maps a specifier to its package, skipping Node modules and paths', () => {
    const builtins = new Set(['fs', 'electron']);
    expect(packageOf('exceljs/lib/x.js', builtins)).toBe('exceljs');
    expect(packageOf('@scope/pkg/sub', builtins)).toBe('@scope/pkg');
    expect(packageOf('node:fs', builtins)).toBeNull();
    expect(packageOf('fs', builtins)).toBeNull();
    expect(packageOf('electron', builtins)).toBeNull();
    expect(packageOf('./chunk.js', builtins)).toBeNull();
    expect(packageOf('/abs/x.js', builtins)).toBeNull();
  });

  it('lets a sandboxed preload load electron only', () => {
    expect(checkPreloadImports(['electron'])).toEqual([]);
    expect(checkPreloadImports(['electron', 'zod'])).toEqual([
      'the preload loads "zod"; a sandboxed preload can load only "electron"',
    ]);
  });
});

describe('the app files', () => {
  it('passes a complete app and names each missing piece', () => {
    expect(checkRequiredFiles(APP, { main: 'out/main/index.js' })).toEqual([]);
    const partial = APP.filter((f) => !f.path.startsWith('out/preload') && !f.path.endsWith('.js'));
    expect(checkRequiredFiles(partial, { main: 'index.js' })).toEqual([
      'missing out/main/index.js',
      'missing out/main/read-worker.js',
      'missing out/preload/index.cjs',
      'package.json "main" is "index.js", not "out/main/index.js"',
      'no renderer script under out/renderer/',
    ]);
  });

  it('checks every local file the renderer page loads', () => {
    const html =
      '<script type="module" src="./assets/index-abc.js"></script>' +
      '<link rel="stylesheet" href="/assets/index-abc.css"><link rel="icon" href="./favicon.svg">' +
      '<a href="https://example.com/x">x</a><a href="#top">top</a>';
    expect(checkRendererAssets(html, APP)).toEqual([
      'out/renderer/index.html loads favicon.svg, which is not in the package',
    ]);
  });

  it('finds sources, maps, tests and repo files, with examples', () => {
    const files = [
      ...APP,
      file('out/main/index.js.map'),
      file('electron/main/index.ts'),
      file('node_modules/zod/src/index.ts'),
      file('node_modules/lib/index.d.ts'),
      file('node_modules/lib/__tests__/a.js'),
      file('node_modules/lib/util.spec.js'),
      file('test/unit/x.test.ts'),
      file('node_modules/safe-regex-test/index.js'),
    ];
    expect(checkForbiddenFiles(files)).toEqual([
      '2 files that are not build output (only out/**, package.json and node_modules ship): ' +
        'electron/main/index.ts, test/unit/x.test.ts',
      '1 source maps: out/main/index.js.map',
      '4 TypeScript sources or declarations: electron/main/index.ts, node_modules/zod/src/index.ts, ' +
        'node_modules/lib/index.d.ts, test/unit/x.test.ts',
      '3 test files: node_modules/lib/__tests__/a.js, node_modules/lib/util.spec.js, test/unit/x.test.ts',
    ]);
    expect(checkForbiddenFiles(APP)).toEqual([]);
  });
});

describe('node_modules', () => {
  const installed: Record<string, InstalledPackage> = {
    '/p/node_modules/exceljs': pkg('exceljs', '4.4.0', ['archiver', '@types/node'], ['fsevents']),
    '/p/node_modules/archiver': pkg('archiver', '5.3.2', ['readable-stream']),
    '/p/node_modules/archiver/node_modules/readable-stream': pkg('readable-stream', '2.3.8', []),
    '/p/node_modules/readable-stream': pkg('readable-stream', '3.6.2', []),
    '/p/node_modules/zod': pkg('zod', '4.0.0', ['missing-dep']),
  };
  function pkg(name: string, version: string, deps: string[], optional: string[] = []): InstalledPackage {
    return { name, version, dir: '', dependencies: deps, optionalDependencies: optional };
  }
  const resolve = (name: string, from: string): InstalledPackage | null => {
    for (let dir = from; dir.length > 1; dir = dir.slice(0, dir.lastIndexOf('/')) || '/') {
      const found = installed[`${dir}/node_modules/${name}`];
      if (found) return { ...found, dir: `${dir}/node_modules/${name}` };
      if (dir === '/p') break;
    }
    return null;
  };

  it('collects the runtime closure the way Node resolves it, skipping @types and absent optionals', () => {
    const closure = dependencyClosure(['exceljs', 'zod'], resolve, '/p');
    expect(closure.packages.map((p) => `${p.name}@${p.version}`).sort()).toEqual([
      'archiver@5.3.2',
      'exceljs@4.4.0',
      'readable-stream@2.3.8',
      'zod@4.0.0',
    ]);
    expect(closure.unresolved).toEqual(['missing-dep (needed by zod@4.0.0)']);
  });

  it('reports extra packages (saying which are devDependencies) and missing ones', () => {
    const shipped = [
      { name: 'exceljs', version: '4.4.0' },
      { name: 'p-limit', version: '7.3.3' },
      { name: 'vite', version: '8.3.8' },
    ];
    const needed = [
      { name: 'exceljs', version: '4.4.0' },
      { name: 'zod', version: '4.0.0' },
    ];
    expect(compareModules(shipped, needed, { vite: '8.3.8' })).toEqual([
      'node_modules ships p-limit@7.3.3, but the main bundle does not load it (bundled into out/main, or used only outside the app)',
      'node_modules ships vite@8.3.8, but it is a devDependency',
      'the main bundle needs zod@4.0.0 at run time, but the package lacks it',
    ]);
    expect(compareModules(needed, needed, {})).toEqual([]);
  });

  it("finds a package's entry from exports or main", () => {
    expect(packageEntry({ main: './excel.js' })).toBe('excel.js');
    expect(packageEntry({})).toBe('index.js');
    expect(packageEntry({ main: 'lib/' })).toBe('lib/index.js');
    expect(packageEntry({ exports: './mod.js' })).toBe('mod.js');
    expect(
      packageEntry({
        main: 'index.cjs',
        exports: { '.': { '@zod/source': './index.ts', types: './index.d.cts', import: './index.js' } },
      }),
    ).toBe('index.js');
    expect(packageEntry({ exports: { '.': [{ require: './a.cjs' }, './b.js'] } })).toBe('a.cjs');
    expect(packageEntry({ exports: { './package.json': './package.json' } })).toBeNull();
    expect(packageEntry({ exports: { node: './n.js', default: './d.js' } })).toBe('n.js');
  });

  it("tells whether a package's entry shipped, with Node's completions of main", () => {
    const present = new Set([
      'node_modules/a/excel.js',
      'node_modules/b/lib/index.js',
      'node_modules/c/x.json',
    ]);
    expect(entryExists('node_modules/a', 'excel.js', present)).toBe(true);
    expect(entryExists('node_modules/a', 'excel', present)).toBe(true);
    expect(entryExists('node_modules/b', 'lib', present)).toBe(true);
    expect(entryExists('node_modules/c', 'x', present)).toBe(true);
    expect(entryExists('node_modules/a', 'dist/browser.js', present)).toBe(false);
  });
});

describe('formatBytes', () => {
  it('prints sizes the way du -h does', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(14.1 * 1024 * 1024)).toBe('14.1 MiB');
  });
});
