/**
 * Runs hostile cases in a child process with a capped heap and a watchdog: a case that throws
 * something other than a `FileReadError` is a crash, one that kills the process (out of memory) is a
 * crash with its exit reason, and one that prints nothing for {@link CASE_TIMEOUT_MS} is a hang. After
 * a crash or a hang the child is restarted for the remaining cases.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ProbeCase, ProbeResult } from './hostile-probe.ts';

/** Heap cap of the child: a reader that allocates without bound dies here instead of swapping. */
export const CHILD_HEAP_MB = 1024;
/** Longest a single case may run before it counts as a hang (generous: the machine is loaded). */
export const CASE_TIMEOUT_MS = 60_000;

/** A probe result, or what killed the child while the case ran. */
export type CaseResult =
  ProbeResult | { readonly id: string; readonly outcome: 'hang' | 'died'; readonly message: string };

const PROBE = fileURLToPath(new URL('./hostile-probe.ts', import.meta.url));

/** Runs every case; resolves with one result per case, in order. */
export async function runCases(cases: ReadonlyArray<ProbeCase>, workDir: string): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  let rest = [...cases];
  while (rest.length > 0) {
    const batch = await runBatch(rest, workDir);
    results.push(...batch);
    rest = rest.slice(batch.length);
  }
  return results;
}

/** Runs cases until they are done or the child dies; the last result says which case killed it. */
function runBatch(cases: ReadonlyArray<ProbeCase>, workDir: string): Promise<CaseResult[]> {
  const list = path.join(workDir, `cases-${cases.length}.json`);
  fs.writeFileSync(list, JSON.stringify(cases));
  const env = { ...process.env };
  delete env['NODE_OPTIONS']; // the test runner's loader hooks are not the child's business
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${CHILD_HEAP_MB}`, '--expose-gc', '--import', 'tsx', PROBE, list],
    {
      cwd: process.cwd(),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const results: CaseResult[] = [];
  let current: string | undefined;
  let stderr = '';
  let timer: NodeJS.Timeout | undefined;
  let hung = false;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, CASE_TIMEOUT_MS);
  };
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const lines = readline.createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    const message = JSON.parse(line) as ProbeResult | { start: string };
    if ('start' in message) {
      current = message.start;
      arm();
    } else {
      results.push(message);
      current = undefined;
    }
  });
  arm(); // start-up counts against the first case
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (results.length < cases.length) {
        const id = current ?? cases[results.length]?.id ?? '?';
        results.push(
          hung
            ? { id, outcome: 'hang', message: `no result after ${CASE_TIMEOUT_MS / 1000} s` }
            : { id, outcome: 'died', message: `child exited (${signal ?? code}): ${stderr.slice(-600)}` },
        );
      }
      resolve(results);
    });
  });
}
