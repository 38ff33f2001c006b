import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noElectron = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron.' }],
    },
  ],
};
const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'http',
  'https',
  'net',
  'crypto',
  'child_process',
  'stream',
  'url',
  'worker_threads',
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/fixtures/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['electron/engine/**', 'electron/cli/**', 'electron/bridge/**'], rules: noElectron },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'shared/ is pure: no electron.' },
            ...nodeBuiltins.flatMap((n) => [
              { name: n, message: 'shared/ is pure: no Node built-ins.' },
              { name: `node:${n}`, message: 'shared/ is pure: no Node built-ins.' },
            ]),
          ],
        },
      ],
    },
  },
  {
    // Style rule 2: raw IPC objects only in the typed helper (ipc.ts), the wiring (index.ts) and preload.
    files: ['electron/main/**'],
    ignores: ['electron/main/ipc.ts', 'electron/main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer'],
              message: 'Register IPC through electron/main/ipc.ts (typed, sender-checked).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: noElectron,
  },
);
