/**
 * The sample's documented outcome (resources/samples/README.md) as the import preview plans it, with
 * the choices the import tour presets: every column auto-mapped, "update or create", matched by name.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvokeHandlers } from '../../../shared/ipc.ts';
import { createAppCore, MemorySecretStore, type AppCore } from '../../../electron/engine/app/index.ts';
import { bundledSample, repositoryResourcesDir } from '../../../electron/engine/app/sample-file.ts';
import { startSandbox, type RunningSandbox } from '../../../electron/engine/sandbox/index.ts';

let sandbox: RunningSandbox;
let core: AppCore;
let handlers: InvokeHandlers;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ host: '127.0.0.1', port: 0, organizations: 30 });
  dir = await mkdtemp(path.join(os.tmpdir(), 'orgport-sample-outcome-'));
  core = await createAppCore({
    dataDir: dir,
    secrets: new MemorySecretStore(),
    version: '0.0.0-test',
    restoreLastConnection: false,
    startSandbox: async () => ({ url: sandbox.url, dailyBudget: null, close: async () => undefined }),
  });
  const none = async () => null;
  handlers = core.handlers(
    {
      'file/open-dialog': none,
      'file/save-dialog': none,
      'shell/open-path': async () => undefined,
      'shell/show-in-folder': async () => undefined,
      'file/take-opened': none,
    },
    { saveMode: 'folder', saveFolder: dir, canShowInFolder: false },
  );
  await handlers['connection/activate']({ profileId: 'sandbox' });
});

afterAll(async () => {
  await core.close();
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the bundled sample, previewed as the import tour starts it', () => {
  it('maps every column but one by itself and plans 46 creates, 2 errors and 2 duplicates', async () => {
    const sample = await bundledSample(repositoryResourcesDir());
    if (!sample) throw new Error('the sample file is missing');
    const opened = await handlers['import/open']({ path: sample.path, mode: 'upsert' });
    expect(opened.file.rows).toBe(50);
    expect(opened.file.delimiter).toBe(';');
    const unmapped = opened.columns.filter((c) => c.target === null).map((c) => c.column);
    expect(unmapped).toEqual(['Met at booth']);

    const mapping = Object.fromEntries(opened.columns.map((c) => [c.column, c.target]));
    const preview = await handlers['import/preview']({
      sessionId: opened.sessionId,
      choices: {
        mapping,
        settings: {},
        mode: 'upsert',
        match: 'name',
        emptyCells: 'skip',
        updateUnchanged: true,
      },
      matchAgainstPipedrive: true,
    });
    expect(preview.outcomes).toMatchObject({ create: 46, update: 0, error: 2, duplicate: 2 });
    const founded = preview.columns.find((c) => c.column === 'Founded');
    expect(founded?.detected?.dateOrder).toBe('dmy');

    const problems = await handlers['import/rows']({
      sessionId: opened.sessionId,
      offset: 0,
      limit: 10,
      problemsOnly: true,
    });
    const byRow = new Map(problems.rows.map((row) => [row.rowNumber, row]));
    expect([...byRow.keys()]).toEqual([2, 28, 37, 40]);
    expect(byRow.get(28)?.errors[0]?.suggestion).toBe('Manufacturing');
    expect(byRow.get(37)?.reason).toContain('needs a name');
    expect(byRow.get(2)?.outcome).toBe('duplicate');
    expect(byRow.get(40)?.outcome).toBe('duplicate');
  });
});
