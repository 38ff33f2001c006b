import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isInside, isOpenable, OpenablePaths } from '../../../electron/engine/app/openable-paths.ts';

describe('isInside / isOpenable', () => {
  it('sees through .. segments', () => {
    expect(isInside('/data/jobs', '/data/jobs/a/report.csv')).toBe(true);
    expect(isInside('/data/jobs', '/data/jobs/../settings.json')).toBe(false);
    expect(isInside('/data/jobs', '/data/jobs-other/x')).toBe(false);
  });

  it('allows only listed files and files under the roots, absolute paths only', () => {
    const files = new Set(['/home/u/orgs.xlsx']);
    expect(isOpenable('/home/u/orgs.xlsx', ['/data/jobs'], files)).toBe(true);
    expect(isOpenable('/data/jobs/j/reports/failed.csv', ['/data/jobs'], files)).toBe(true);
    expect(isOpenable('/bin/sh', ['/data/jobs'], files)).toBe(false);
    expect(isOpenable('orgs.xlsx', ['/data/jobs'], files)).toBe(false);
  });
});

describe('OpenablePaths', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'orgport-open-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('checks the allow-list, then existence', async () => {
    const jobs = path.join(dir, 'jobs');
    await mkdir(jobs);
    await writeFile(path.join(jobs, 'r.csv'), 'x');
    const chosen = path.join(dir, 'out.csv');
    const known = path.join(dir, 'known.csv');
    await writeFile(known, 'x');
    const openable = new OpenablePaths([jobs], async () => [known]);
    await expect(openable.check(path.join(jobs, 'r.csv'))).resolves.toBe(path.join(jobs, 'r.csv'));
    await expect(openable.check(known)).resolves.toBe(known);
    await expect(openable.check(chosen)).rejects.toMatchObject({ kind: 'forbidden' });
    openable.allow(chosen);
    await expect(openable.check(chosen)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(openable.check(jobs, 'file')).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('refuses a link in the jobs folder that leads outside it, and follows one that stays inside', async () => {
    const jobs = path.join(dir, 'jobs');
    await mkdir(path.join(jobs, 'j1', 'reports'), { recursive: true });
    const secret = path.join(dir, 'tokens.json');
    await writeFile(secret, '{"secret":true}');
    await writeFile(path.join(jobs, 'j1', 'reports', 'failed.csv'), 'x');
    const outward = path.join(jobs, 'j1', 'reports', 'innocent.csv');
    await symlink(secret, outward);
    const outwardFolder = path.join(jobs, 'elsewhere');
    await symlink(dir, outwardFolder);
    const inward = path.join(jobs, 'latest.csv');
    await symlink(path.join(jobs, 'j1', 'reports', 'failed.csv'), inward);
    const openable = new OpenablePaths([jobs], async () => []);

    await expect(openable.check(outward, 'file')).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(openable.check(path.join(outwardFolder, 'tokens.json'), 'file')).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(openable.check(inward, 'file')).resolves.toBe(inward);
  });
});
