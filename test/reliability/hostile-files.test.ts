/**
 * Issue 8, hostile input: every committed fixture mutated, and built files meant to break a reader
 * (giant cells, millions of columns, ten million empty lines, zip bombs, deep nesting, lying names,
 * folders and unreadable files). Each case is read through the real entry points (`inspectFile` +
 * `readRows`, or the import session's `openImport`) in a child process whose heap is capped, and must
 * end with a FileReadError whose message names the file, or with the right rows — never a crash, a
 * hang or an unbounded allocation. The seed is printed; `HOSTILE_SEED=n` replays a run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCases, mutationCases, type HostileCase } from './hostile-cases.ts';
import { hostileSeed } from './hostile-inputs.ts';
import { CHILD_HEAP_MB, runCases, type CaseResult } from './hostile-run.ts';

/** Heap + external growth allowed for one case: far above any honest read, far below a blow-up. */
const MAX_GROWTH_MB = 400;
/** Wall time allowed for one case (the watchdog's hang limit is higher still). */
const MAX_CASE_MS = 45_000;

const seed = hostileSeed();
let dir = '';
let built: HostileCase[] = [];
let mutated: HostileCase[] = [];
const results = new Map<string, CaseResult>();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgport-hostile-'));
  built = await builtCases(dir);
  mutated = mutationCases(process.cwd(), dir, seed);
  for (const result of await runCases([...built, ...mutated], dir)) results.set(result.id, result);
  printTable();
}, 240_000);

afterAll(() => {
  for (const c of built) if (c.path.endsWith('locked.csv')) fs.chmodSync(c.path, 0o600);
  if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
});

function printTable(): void {
  const rows = built.map((c) => {
    const r = results.get(c.id);
    if (!r) return `| ${c.id} | (no result) | | |`;
    if (!('ms' in r)) return `| ${c.id} | ${r.outcome.toUpperCase()} | | |`;
    const what =
      r.outcome === 'ok'
        ? `ok: ${r.rows} rows × ${r.columns} columns`
        : `${r.outcome}: ${r.code ?? r.errorName}`;
    return `| ${c.id} | ${what} | ${r.ms} ms | ${Math.max(r.heapGrowthMb, r.rssGrowthMb)} MB |`;
  });
  const counts = new Map<string, number>();
  let slowest: { id: string; ms: number } = { id: '', ms: -1 };
  for (const c of mutated) {
    const r = results.get(c.id);
    const key = !r ? 'no result' : r.outcome === 'error' ? `error ${r.code}` : r.outcome;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (r && 'ms' in r && r.ms > slowest.ms) slowest = { id: r.id, ms: r.ms };
  }
  console.log(
    [
      `Hostile input, seed ${seed} (replay with HOSTILE_SEED=${seed}); child heap cap ${CHILD_HEAP_MB} MB`,
      '| case | outcome | time | memory growth |',
      '|---|---|---|---|',
      ...rows,
      `Mutated fixtures: ${mutated.length} cases → ${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')}`,
      `Slowest mutated case: ${slowest.id} (${slowest.ms} ms)`,
    ].join('\n'),
  );
}

/** The checks every case must pass, whatever it expects. */
function expectClean(c: HostileCase): CaseResult {
  const r = results.get(c.id);
  expect(r, `${c.id}: no result`).toBeDefined();
  if (!r) throw new Error('unreachable');
  expect(r.outcome, `${c.id}: ${r.message ?? ''}`).not.toMatch(/^(crash|hang|died)$/);
  if (!('ms' in r)) throw new Error('unreachable');
  expect(r.ms, `${c.id} took too long`).toBeLessThan(MAX_CASE_MS);
  expect(r.heapGrowthMb, `${c.id} heap growth`).toBeLessThan(MAX_GROWTH_MB);
  expect(r.rssGrowthMb, `${c.id} resident memory growth`).toBeLessThan(MAX_GROWTH_MB);
  if (r.outcome === 'error') {
    expect(r.errorName).toBe('FileReadError');
    const message = r.message ?? '';
    expect(message, c.id).toContain(path.basename(c.path));
    expect(message, c.id).not.toMatch(/undefined|NaN|\[object |\n\s+at /);
    expect(message.length, c.id).toBeLessThan(600);
  }
  return r;
}

describe('hostile input files', () => {
  it('built hostile files end with the expected clear error or result, in bounded time and memory', () => {
    expect(built.length).toBeGreaterThan(20);
    for (const c of built) {
      const r = expectClean(c);
      const want = c.expect;
      if (!want) continue;
      expect(r.outcome, `${c.id}: ${'message' in r ? r.message : ''}`).toBe(want.outcome);
      if (want.outcome === 'ok' && r.outcome === 'ok') {
        if (want.rows !== undefined) expect(r.rows, c.id).toBe(want.rows);
        if (want.columns !== undefined) expect(r.columns, c.id).toBe(want.columns);
      }
      if (want.outcome === 'error' && r.outcome === 'error') {
        expect(r.code, `${c.id}: ${r.message ?? ''}`).toBe(want.code);
        if (want.message) expect(r.message, c.id).toMatch(want.message);
      }
    }
  });

  it('every mutated fixture (truncated, flipped, NULs) reads to a clear error or rows, never a crash', () => {
    const fixtures = new Set(mutated.map((c) => c.id.split(' ')[0]));
    expect(fixtures.size).toBeGreaterThan(35);
    for (const c of mutated) expectClean(c);
  });
});
