#!/usr/bin/env node
// `npm start` / `npm run dev`: make sure the Electron binary is there (npm's install script for it is
// switched off, because it cannot run offline), then build and start the desktop app.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dev = process.argv.includes('--dev');

function electronBinary() {
  try {
    const electronDir = path.dirname(require.resolve('electron/package.json'));
    if (!existsSync(path.join(electronDir, 'path.txt'))) return null;
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

if (!electronBinary()) {
  console.error('Fetching the Electron runtime (once)…');
  const installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
  const result = spawnSync(process.execPath, [installer], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
    timeout: 10 * 60_000,
  });
  if (result.status !== 0 || !electronBinary()) {
    console.error(
      'The Electron runtime could not be downloaded on this machine, so the desktop window cannot open; ' +
        'run "npx orgport web" instead to use Orgport in your browser.',
    );
    process.exit(1);
  }
}

const bin = path.join(root, 'node_modules', '.bin', 'electron-vite');
const child = spawn(bin, [dev ? 'dev' : 'preview'], { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
