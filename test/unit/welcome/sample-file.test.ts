import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bundledSample,
  desktopResourcesDir,
  repositoryResourcesDir,
  SAMPLE_FILE_NAME,
  sampleFilePath,
} from '../../../electron/engine/app/sample-file.ts';

let temp: string | undefined;
afterEach(async () => {
  if (temp) await rm(temp, { recursive: true, force: true });
  temp = undefined;
});

describe('the bundled sample file', () => {
  it('is found in the repository from the engine source (dev, CLI, web bridge)', async () => {
    expect(repositoryResourcesDir()).toBe(path.resolve('resources'));
    const sample = await bundledSample(repositoryResourcesDir());
    expect(sample).toEqual({
      path: path.resolve('resources', 'samples', SAMPLE_FILE_NAME),
      name: SAMPLE_FILE_NAME,
      size: expect.any(Number),
    });
    expect(sample?.size).toBeGreaterThan(1000);
  });

  it('is looked for next to app.asar once packaged, in the app folder otherwise', () => {
    const packaged = desktopResourcesDir(true, '/opt/Orgport/resources', '/opt/Orgport/resources/app.asar');
    expect(sampleFilePath(packaged)).toBe(path.join('/opt/Orgport/resources', 'samples', SAMPLE_FILE_NAME));
    const dev = desktopResourcesDir(false, '/usr/lib/electron/resources', '/home/me/orgport');
    expect(sampleFilePath(dev)).toBe(path.join('/home/me/orgport', 'resources', 'samples', SAMPLE_FILE_NAME));
  });

  it('is null where an installation lacks it, rather than an error', async () => {
    temp = await mkdtemp(path.join(os.tmpdir(), 'orgport-sample-'));
    expect(await bundledSample(temp)).toBeNull();
  });
});

describe('the packaging check of the shipped samples', () => {
  it('wants every repository sample shipped with its size, and the tour’s sample among them', async () => {
    const { checkShippedSamples } = await import('../../../scripts/package-inspection.ts');
    const repo = [{ name: SAMPLE_FILE_NAME, size: 100 }];
    expect(checkShippedSamples(repo, [{ name: SAMPLE_FILE_NAME, size: 100 }], SAMPLE_FILE_NAME)).toEqual([]);
    expect(checkShippedSamples(repo, [], SAMPLE_FILE_NAME)).toEqual([
      `resources/samples/${SAMPLE_FILE_NAME} is not shipped (extraResources)`,
    ]);
    expect(checkShippedSamples(repo, [{ name: SAMPLE_FILE_NAME, size: 7 }], SAMPLE_FILE_NAME)).toEqual([
      `resources/samples/${SAMPLE_FILE_NAME} is shipped with 7 bytes instead of 100`,
    ]);
    expect(checkShippedSamples([], [], SAMPLE_FILE_NAME)).toEqual([
      `resources/samples/${SAMPLE_FILE_NAME} (the import tour's sample) is not in the repository`,
    ]);
  });
});
