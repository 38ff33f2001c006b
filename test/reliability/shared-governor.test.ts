/**
 * Two jobs at once on the same connection (issue 8, part 3): two imports and an export run together
 * against a sandbox with Lite's burst limit (20 requests per rolling 2 s). Every client of one identity
 * shares the identity's rate governor (pipedrive/registry.ts), so together the jobs must pace as one:
 * the sandbox's request log may show at most a stray 429, never a window with more requests than the
 * limit plus those strays, and every job must end with the right result.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionState, resetConnectionStates } from '../../electron/engine/pipedrive/index.ts';
import { WINDOW_MS } from '../../electron/engine/sandbox/rate-limit.ts';
import { markStart, startCell, type Cell } from './fault-harness.ts';
import { importSpec } from './fault-jobs.ts';

const BURST = 20;
const ROWS = 60;
const ORGS = 600;
/**
 * 429s tolerated: the governor starts from the documented Lite limit (20), but the server's window
 * and ours see a request at slightly different moments (start vs arrival); a request or two sent
 * right at the edge of the window may be refused. More than that would mean the jobs pace apart.
 */
const STRAY_429S = 2;

let cell: Cell;

beforeAll(async () => {
  resetConnectionStates();
  cell = await startCell({ burst: BURST, organizations: ORGS });
});
afterAll(async () => {
  await cell.close();
});

async function importOf(name: string): Promise<{ spec: unknown; names: string[] }> {
  const names = Array.from({ length: ROWS }, (_, i) => `${name} ${i + 1}`);
  const file = path.join(cell.dir, `${name}.csv`);
  await writeFile(file, Papa.unparse([['Name'], ...names.map((n) => [n])], { newline: '\r\n' }), 'utf8');
  return { spec: await importSpec(cell, file, false), names };
}

/** The most requests (refused ones included) that arrived within any rolling window. */
function busiestWindow(times: ReadonlyArray<number>): number {
  let most = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= WINDOW_MS) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

describe('two imports and an export at once on one connection', () => {
  it('share one governor: the burst limit holds for all of them together, and each job is right', async () => {
    const a = await importOf('Shared A');
    const b = await importOf('Shared B');
    const out = path.join(cell.dir, 'shared-export.csv');
    markStart(cell);
    const start = (kind: 'import' | 'export', spec: unknown) =>
      cell.manager.start({ kind, spec, title: `shared ${kind}`, connection: cell.env.label, env: cell.env });
    const runs = await Promise.all([
      start('import', a.spec),
      start('import', b.spec),
      start('export', { out, format: 'csv', fields: ['name'] }),
    ]);
    const [sumA, sumB, sumExport] = await Promise.all(runs.map((r) => r.done));

    // Each job did its work once: every row created exactly once, the export read every page once.
    expect(sumA).toMatchObject({ state: 'done', counts: { created: ROWS, failed: 0 } });
    expect(sumB).toMatchObject({ state: 'done', counts: { created: ROWS, failed: 0 } });
    const names = cell.sandbox.control.organizations().map((o) => o.name);
    for (const name of [...a.names, ...b.names]) expect(names.filter((n) => n === name)).toHaveLength(1);
    expect(cell.sandbox.control.organizations()).toHaveLength(ORGS + 2 * ROWS);
    expect(sumExport?.state).toBe('done');
    const text = (await readFile(out, 'utf8')).replace(/^\uFEFF/, '');
    const exported = Papa.parse<string[]>(text, { skipEmptyLines: true })
      .data.slice(1)
      .map((r) => Number(r[0]));
    expect(new Set(exported).size).toBe(exported.length);
    // Created while the export paged: those may or may not be in it; every seeded one must be.
    for (let id = 1; id <= ORGS; id++) expect(exported).toContain(id);

    // The identity's governor learnt the account's limit from the answers.
    expect(connectionState(cell.connection).governor.snapshot().limit).toBe(BURST);

    const log = cell.sandbox.control.requestLog.filter((e) => e.seq > cell.fromSeq);
    const refused = log.filter((e) => e.status === 429);
    const times = log.map((e) => Date.parse(e.time)).sort((x, y) => x - y);
    const busiest = busiestWindow(times);
    console.log(
      `shared governor: ${log.length} requests, ${refused.length} refused (429), busiest ${WINDOW_MS / 1000}-s window ${busiest} (limit ${BURST})`,
    );
    expect(log.length).toBeGreaterThan(2 * ROWS);
    expect(refused.length).toBeLessThanOrEqual(STRAY_429S);
    expect(busiest).toBeLessThanOrEqual(BURST + refused.length);
  });
});
