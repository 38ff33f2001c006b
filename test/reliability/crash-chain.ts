/**
 * A kill chain: one job run in a child, killed at a drawn point, checked, maybe given a torn journal
 * line, resumed in a new child, killed again… until a run ends on its own. Each kill that landed
 * before the job's end is counted under the phase it landed in (the kind's `classify` tells).
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  readJournal,
  type JournalContents,
  type OutcomeLine,
} from '../../electron/engine/jobs/core/journal.ts';
import type { StoredJob } from '../../electron/engine/jobs/core/job-store.ts';
import type { ChildBundle, SeededRandom } from './crash-bundle.ts';
import {
  checkAfterKill,
  onlyJob,
  runCycle,
  tearJournal,
  type CycleResult,
  type JobChain,
  type KillPlan,
  type PhaseTally,
  type RequestTap,
} from './crash-harness.ts';

/** What the chain knows when it draws the next kill, and when it names where one landed. */
export interface ChainView {
  /** The job, once created. */
  readonly job: StoredJob | undefined;
  /** The journal before this run (empty before the job exists). */
  readonly before: JournalContents<OutcomeLine>;
}

/** How one kind of job is killed and judged. */
export interface KillStrategy {
  /** Draws where to kill the next run. */
  plan(rng: SeededRandom, view: ChainView): KillPlan;
  /** Names the phase a kill landed in (called only for kills before the job's end). */
  classify(cycle: CycleResult, view: ChainView, after: JournalContents<OutcomeLine>): Promise<string>;
  /** Called after every kill, before any tear: checks what must hold mid-job (e.g. no half file). */
  afterKill?(job: StoredJob | undefined): Promise<void>;
}

/** Where a chain ended up. */
export interface ChainResult {
  readonly job: StoredJob;
  /** Kills that landed before the job's end. */
  readonly kills: number;
  /** Kills that came too late (the job had finished) and so do not count. */
  readonly late: number;
}

/** Runs one chain with up to `maxKills` kills, then lets the last run finish. */
export async function killChain(input: {
  readonly bundle: ChildBundle;
  readonly tap: RequestTap;
  readonly chain: JobChain;
  readonly rng: SeededRandom;
  readonly strategy: KillStrategy;
  readonly tally: PhaseTally;
  readonly maxKills: number;
  /** Chance of a torn journal line before each resume. */
  readonly tearChance: number;
}): Promise<ChainResult> {
  const { bundle, tap, chain, rng, strategy, tally } = input;
  let kills = 0;
  let late = 0;
  for (let attempt = 0; ; attempt += 1) {
    const job = await onlyJob(chain.home);
    const before = job ? await readJournal(job.paths.journal) : emptyJournal();
    const view: ChainView = { job, before };
    const plan = kills < input.maxKills ? strategy.plan(rng, view) : null;
    const cycle = await runCycle(bundle, tap, chain, plan);
    const after = await onlyJob(chain.home);
    if (!cycle.killed) {
      if (cycle.state !== 'done') {
        const error = JSON.stringify(after?.summary.error);
        throw new Error(`the job ended ${cycle.state}: ${error}\n${cycle.stderr}`);
      }
      if (!after) throw new Error('the job finished but its folder is missing');
      return { job: after, kills, late };
    }
    await strategy.afterKill?.(after);
    if (!after) {
      // Killed before the job folder was made: a real kill of a starting process, counted as such.
      tally.add('start-up (before the job existed)');
      kills += 1;
      continue;
    }
    const journal = await checkAfterKill(after);
    if (after.summary.state === 'done') {
      late += 1;
      return { job: after, kills, late };
    }
    tally.add(await strategy.classify(cycle, { job: after, before }, journal));
    kills += 1;
    if (journal.torn) tally.realTear();
    if (rng.chance(input.tearChance)) {
      await tearJournal(after.paths.journal, rng);
      const torn = await readJournal(after.paths.journal);
      if (torn.torn === null) throw new Error('the torn line written by the test was not seen as torn');
      tally.tore();
    }
    if (attempt > input.maxKills + 20) throw new Error('the chain does not end');
  }
}

function emptyJournal(): JournalContents<OutcomeLine> {
  return { path: '', lines: [], outcomes: new Map(), openIntents: new Map(), torn: null };
}

/** True for the temporary file of a writer (`.name.1a2b3c4d.orgport-partial`). */
export function isPartial(name: string): boolean {
  return name.endsWith('.orgport-partial');
}

/**
 * True when a folder holds a writer's temporary file (a killed writer leaves it), modified at or
 * after `since` (epoch ms) when given: one the run started then began.
 */
export async function hasPartialFile(dir: string, since?: number): Promise<boolean> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter(isPartial);
  if (since === undefined) return names.length > 0;
  for (const name of names) {
    const modified = await stat(path.join(dir, name)).then(
      (s) => s.mtimeMs,
      () => 0,
    );
    // Whole milliseconds on some file systems: allow for the rounding.
    if (modified >= since - 1) return true;
  }
  return false;
}
