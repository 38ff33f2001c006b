import { spawn } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetConnectionStates } from '../../../electron/engine/pipedrive/index.ts';
import type { RunningSandbox } from '../../../electron/engine/sandbox/index.ts';
import { cli, fastSandbox, nameCounts, temp, writeCsv } from './helpers.ts';

const ORGPORT = fileURLToPath(new URL('../../../bin/orgport.mjs', import.meta.url));

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

async function waitFor(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('an import killed mid-run (SIGKILL) and resumed', () => {
  it('ends with every row in Pipedrive exactly once', async () => {
    // Slow answers keep the child mid-run long enough to be killed with creates in flight.
    sandbox = await fastSandbox({ latencyMs: 150 });
    // The first creates are applied but their answers lost: the child puts them aside to check once its
    // batch is through, so at the kill they are announced in the journal, landed, and unconfirmed.
    sandbox.control.injectFault({
      kind: 'lostResponse',
      count: 5,
      match: (method, url) => method === 'POST' && url === '/api/v2/organizations',
    });
    const rows = Array.from({ length: 160 }, (_, i) => [`Killed ${i + 1}`, String(i + 1)]);
    const file = await writeCsv(dir, 'kill.csv', [['Name', 'Number of employees'], ...rows]);
    const profile = path.join(dir, 'map.json');
    await writeFile(
      profile,
      JSON.stringify({
        version: 1,
        columns: { Name: 'name', 'Number of employees': 'employee_count' },
        mode: 'create',
      }),
    );
    const child = spawn(process.execPath, [ORGPORT, 'import', file, '--mapping', profile], {
      env: {
        ...process.env,
        ORGPORT_HOME: home,
        PIPEDRIVE_BASE_URL: sandbox.url,
        PIPEDRIVE_API_TOKEN: 'import-test-token',
      },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    await waitFor(() => sandbox.control.organizations().length >= 40, '40 organizations to be created');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const atKill = sandbox.control.organizations().length;
    expect(atKill).toBeLessThan(160);

    // Let the creates that were in flight land (the server finishes them without anyone listening).
    await new Promise((resolve) => setTimeout(resolve, 400));
    const [jobId] = await readdir(path.join(home, 'jobs'));
    const journal = await readFile(path.join(home, 'jobs', jobId ?? '', 'journal.jsonl'), 'utf8');
    expect(journal).toContain('"intent":"create"');

    const resumed = await cli(['resume', '--json'], sandbox, home);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.out)).toMatchObject({ state: 'done', counts: { created: 160, failed: 0 } });
    const names = nameCounts(sandbox);
    expect(names.size).toBe(160);
    expect([...names.values()].every((n) => n === 1)).toBe(true);
    for (const org of sandbox.control.organizations()) expect(org.name).toBe(`Killed ${org.employee_count}`);
    const after = await readFile(path.join(home, 'jobs', jobId ?? '', 'journal.jsonl'), 'utf8');
    // Those creates (and any in flight at the kill that landed) were found and adopted, not sent again.
    expect(after.split('\n').filter((l) => l.includes('"adopted":true')).length).toBeGreaterThanOrEqual(5);
  });
});
