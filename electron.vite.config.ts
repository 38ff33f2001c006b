/**
 * electron-vite build of the desktop app with our layout (toolchain.md): main from electron/main
 * (plus the file-reading worker as a second entry), preload from electron/preload (CommonJS, as a
 * sandboxed preload must be), renderer from renderer/ with the same settings as the standalone
 * renderer build.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer.config.ts';

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

// Tools load a config file's default export.
export default defineConfig({
  main: {
    build: {
      outDir: here('./out/main'),
      // ESM-only dependencies cannot be require()d from the bundle; bundle them instead.
      externalizeDeps: { exclude: ['p-limit'] },
      rolldownOptions: {
        input: {
          index: here('./electron/main/index.ts'),
          // The file-reading worker (style rule 8) is its own entry, out/main/read-worker.js: the engine
          // starts it with `new URL('./read-worker.js', import.meta.url)` (read-worker-client.ts).
          'read-worker': here('./electron/engine/files/read/read-worker.ts'),
        },
        // Shared chunks sit beside the entries, so that URL resolves the same from whichever chunk the
        // reading client lands in.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: here('./out/preload'),
      // A sandboxed preload can require only 'electron': bundle everything else into it.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: here('./electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: { ...rendererConfig.build },
  },
});
