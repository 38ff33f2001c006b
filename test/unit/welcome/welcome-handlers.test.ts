import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repositoryResourcesDir } from '../../../electron/engine/app/sample-file.ts';
import { SettingsFile } from '../../../electron/engine/app/settings-file.ts';
import { parseWelcomeSection, welcomeHandlers } from '../../../electron/engine/app/welcome-handlers.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orgport-welcome-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('welcome handlers', () => {
  it('show the panel on a first run and remember "don’t show again" in settings.json, beside other sections', async () => {
    const file = path.join(dir, 'settings.json');
    await writeFile(file, JSON.stringify({ connections: { profiles: [], activeId: null } }));
    const handlers = welcomeHandlers({
      settings: new SettingsFile(file),
      resourcesDir: repositoryResourcesDir(),
    });
    const first = await handlers['welcome/state'](undefined);
    expect(first.showOnStart).toBe(true);
    expect(first.sample?.name).toBe('trade-fair-leads.csv');

    expect((await handlers['welcome/show-on-start']({ show: false })).showOnStart).toBe(false);
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(onDisk).toEqual({
      connections: { profiles: [], activeId: null },
      welcome: { showOnStart: false },
    });
    // A new instance over the same file (the next start) reads it back.
    const again = welcomeHandlers({ settings: new SettingsFile(file), resourcesDir: dir });
    expect(await again['welcome/state'](undefined)).toEqual({ showOnStart: false, sample: null });
    expect((await again['welcome/show-on-start']({ show: true })).showOnStart).toBe(true);
  });

  it('treats a missing or hand-broken section as a first run', () => {
    expect(parseWelcomeSection(undefined)).toEqual({ showOnStart: true });
    expect(parseWelcomeSection({ showOnStart: 'no' })).toEqual({ showOnStart: true });
    expect(parseWelcomeSection({ showOnStart: false })).toEqual({ showOnStart: false });
  });
});
