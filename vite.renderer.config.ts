/**
 * Builds the renderer on its own (`npm run build:renderer`, and the web bridge when `out/renderer` is
 * missing or stale). The same settings are used by electron.vite.config.ts, so both produce the same
 * `out/renderer`: the app, plus `web-client.js`, which only the web bridge injects.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const rendererRoot = fileURLToPath(new URL('./renderer', import.meta.url));

/** The renderer build settings shared with electron-vite. */
export const rendererConfig: UserConfig = {
  root: rendererRoot,
  // Relative asset URLs: the page is served from orgport://app/ in Electron and /<secret>/ by the bridge.
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
    minify: true,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./renderer/index.html', import.meta.url)),
        'web-client': fileURLToPath(new URL('./renderer/web-client/index.ts', import.meta.url)),
      },
      output: {
        // The bridge injects the client under this fixed name (electron/bridge/static-files.ts).
        entryFileNames: (chunk) =>
          chunk.name === 'web-client' ? 'web-client.js' : 'assets/[name]-[hash].js',
      },
    },
  },
};

// Tools load a config file's default export.
export default defineConfig(rendererConfig);
