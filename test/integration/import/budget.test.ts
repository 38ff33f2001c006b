import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetConnectionStates } from '../../../electron/engine/pipedrive/index.ts';
import type { RunningSandbox } from '../../../electron/engine/sandbox/index.ts';
import { cli, fastSandbox, nameCounts, temp, writeCsv } from './helpers.ts';

let sandbox: RunningSandbox;
let home: string;
let dir: string;

beforeEach(async () => {
  resetConnectionStates();
  home = await temp.dir('orgport-home-');
  dir = await temp.dir();
});
afterEach(async () => {
  await sandbox.close();
  await temp.cleanup();
});

describe('the daily token budget running out mid-import', () => {
  it('stops the job resumably (exit 3) with a plain message; after the reset, resume completes it', async () => {
    // 10 + 10 tokens for the field list (the command's and the job's), then 5 per create: 40 rows fit.
    sandbox = await fastSandbox({ dailyBudget: 220 });
    const rows = Array.from({ length: 100 }, (_, i) => [`Budget ${i + 1}`]);
    const file = await writeCsv(dir, 'budget.csv', [['Name'], ...rows]);
    const profile = path.join(dir, 'map.json');
    await writeFile(profile, JSON.stringify({ version: 1, columns: { Name: 'name' }, mode: 'create' }));

    const first = await cli(['import', file, '--mapping', profile, '--json'], sandbox, home);
    expect(first.code).toBe(3);
    expect(first.err).toMatch(/Stopped: The company's daily Pipedrive API token budget is used up/);
    expect(first.err).toMatch(/Resume it with: orgport resume /);
    const stopped = JSON.parse(first.out) as {
      state: string;
      stopReason: string;
      counts: { created: number };
      reports: Array<{ label: string; path: string }>;
    };
    expect(stopped).toMatchObject({ state: 'stopped', stopReason: 'budget' });
    const createdBefore = sandbox.control.organizations().length;
    expect(createdBefore).toBeGreaterThan(0);
    expect(createdBefore).toBeLessThan(100);
    expect(stopped.counts.created).toBeLessThanOrEqual(createdBefore);
    // The stopped job lists its not-attempted rows, laid out like the file, ready to import on their own.
    const notAttempted = stopped.reports.find((r) => path.basename(r.path) === 'not-attempted-rows.csv');
    expect(notAttempted, JSON.stringify(stopped.reports)).toBeDefined();
    const left = Papa.parse<string[]>(
      (await readFile(notAttempted?.path ?? '', 'utf8')).replace(/^\uFEFF/, ''),
      {
        skipEmptyLines: true,
      },
    ).data;
    expect(left[0]?.[0]).toBe('Name');
    const leftNames = left.slice(1).map((row) => row[0]);
    expect(leftNames.length).toBeGreaterThan(0);
    // Nothing created is in it, and nothing is in it twice.
    const created = new Set(sandbox.control.organizations().map((o) => o.name));
    expect(leftNames.filter((name) => created.has(name ?? ''))).toEqual([]);
    expect(new Set(leftNames).size).toBe(leftNames.length);
    expect(createdBefore + leftNames.length).toBeLessThanOrEqual(100);

    // Midnight: the budget is full again (and large enough for the rest).
    sandbox.control.setOptions({ dailyBudget: 100_000 });
    sandbox.control.resetDailyBudget();
    const resumed = await cli(['resume', '--json'], sandbox, home);
    expect(resumed.code).toBe(0);
    const done = JSON.parse(resumed.out) as { reports: Array<{ path: string }> };
    expect(done).toMatchObject({ state: 'done', counts: { created: 100, failed: 0 } });
    // Finished: every row was attempted, so that report is gone.
    expect(done.reports.map((r) => path.basename(r.path))).not.toContain('not-attempted-rows.csv');
    await expect(readFile(notAttempted?.path ?? '', 'utf8')).rejects.toThrow();
    const names = nameCounts(sandbox);
    expect(names.size).toBe(100);
    expect([...names.values()].every((n) => n === 1)).toBe(true);
  });
});
