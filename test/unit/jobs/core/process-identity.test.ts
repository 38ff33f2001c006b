import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseBootId,
  parseStatStartTime,
  readProcessIdentity,
  sameProcess,
} from '../../../../electron/engine/jobs/core/process-identity.ts';

// A real /proc/<pid>/stat line (Linux 6.x); field 22, the start time, is 2311966.
const STAT =
  '3258 (cat) R 3254 3254 2545 0 -1 4194304 99 0 0 0 0 0 0 0 20 0 1 0 2311966 3133440 382 ' +
  '18446744073709551615 94662499553280 94662499573161 140734006342848 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n';
const BOOT = 'cae5f736-81f4-4b28-8b96-f41758a7df81';

describe('process identity', () => {
  it('reads the start time from a stat line', () => {
    expect(parseStatStartTime(STAT)).toBe(2311966);
  });

  it('counts fields from the last parenthesis, whatever the command name holds', () => {
    // The kernel writes the name as is: spaces and ")" included.
    expect(parseStatStartTime(STAT.replace('(cat)', '(my app) (x) 1 2 3)'))).toBe(2311966);
  });

  it('gives no start time for text that is not a stat line', () => {
    expect(parseStatStartTime('')).toBeUndefined();
    expect(parseStatStartTime('3258 (cat) R 3254 3254')).toBeUndefined(); // cut short
    expect(parseStatStartTime(STAT.replace(' 2311966 ', ' -5 '))).toBeUndefined();
    expect(parseStatStartTime(STAT.replace('(cat)', 'cat'))).toBeUndefined();
    expect(parseStatStartTime(STAT.replace(' 2311966 ', ' 99999999999999999999 '))).toBeUndefined();
  });

  it('reads a boot id and refuses anything else', () => {
    expect(parseBootId(`${BOOT}\n`)).toBe(BOOT);
    expect(parseBootId(BOOT.toUpperCase())).toBe(BOOT);
    expect(parseBootId('')).toBeUndefined();
    expect(parseBootId('not-a-boot-id')).toBeUndefined();
  });

  it('tells processes apart only by what both sides know', () => {
    const owner = { startTime: 100, bootId: BOOT };
    expect(sameProcess(owner, { startTime: 100, bootId: BOOT })).toBe(true);
    expect(sameProcess(owner, { startTime: 101, bootId: BOOT })).toBe(false); // pid reused
    expect(sameProcess(owner, { startTime: 100, bootId: 'other' })).toBe(false); // rebooted
    expect(sameProcess({}, { startTime: 101, bootId: BOOT })).toBe(true); // old pid-only lock
    expect(sameProcess(owner, {})).toBe(true); // nothing readable here: the pid decides
    expect(sameProcess({ bootId: BOOT }, { startTime: 5, bootId: 'other' })).toBe(false);
  });

  it('reads a process from a /proc tree, and leaves out what is missing', async () => {
    const proc = await mkdtemp(path.join(os.tmpdir(), 'orgport-proc-'));
    try {
      expect(await readProcessIdentity(3258, proc)).toEqual({});
      await mkdir(path.join(proc, '3258'));
      await writeFile(path.join(proc, '3258', 'stat'), STAT);
      expect(await readProcessIdentity(3258, proc)).toEqual({ startTime: 2311966 });
      await mkdir(path.join(proc, 'sys', 'kernel', 'random'), { recursive: true });
      await writeFile(path.join(proc, 'sys', 'kernel', 'random', 'boot_id'), `${BOOT}\n`);
      expect(await readProcessIdentity(3258, proc)).toEqual({ startTime: 2311966, bootId: BOOT });
      expect(await readProcessIdentity(4000, proc)).toEqual({ bootId: BOOT });
    } finally {
      await rm(proc, { recursive: true, force: true });
    }
  });
});
