/**
 * Where each job kind is killed, and how a kill is placed in the kind's phases:
 * - import: lookups and the match index, mid-batch (a write sent and its outcome not yet journaled,
 *   or between two), and the reports written after the last row;
 * - delete: lookups, the backup, mid-delete, and the report;
 * - export: fields, the page request, writing rows and finishing the file, and just after the
 *   rename — where a half file must never appear under the chosen name.
 * Kills are drawn at the arrival of a request (plus a few milliseconds at times), or at the moment a
 * writer creates its temporary file (a report, a backup, the export) or renames it into place.
 */
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { isIntent, type JournalContents, type OutcomeLine } from '../../electron/engine/jobs/core/journal.ts';
import type { SeededRandom } from './crash-bundle.ts';
import { hasPartialFile, isPartial, type ChainView, type KillStrategy } from './crash-chain.ts';
import { isWrite, type CycleResult, type KillPlan } from './crash-harness.ts';

const START_UP = 'start-up (job set up, no request sent yet)';

/** Item outcome lines (numeric keys) of a journal. */
function itemOutcomes(journal: JournalContents<OutcomeLine>): number {
  return [...journal.outcomes.keys()].filter((key) => typeof key === 'number').length;
}

/** Outcome lines with one of `outcomes`, written after the first `from` lines. */
function newOutcomeLines(journal: JournalContents<OutcomeLine>, from: number, outcomes: string[]): number {
  return journal.lines
    .slice(from)
    .filter((line) => !isIntent(line) && outcomes.includes(String(line.outcome))).length;
}

/**
 * Draws a kill of a job that writes: at one of its first `lookups` requests, at one of the
 * `remaining` writes (at its arrival, or a few milliseconds after, while answers and journal lines
 * are under way), or — once the job exists — when a writer starts a file in its reports folder (a
 * report; for a delete, first the backup).
 */
function drawWriteJobKill(
  rng: SeededRandom,
  view: ChainView,
  remaining: number,
  lookups: number,
  fileChance: number,
): KillPlan {
  const roll = rng.next();
  if (view.job && roll < fileChance) {
    return { on: 'file', dir: view.job.paths.reports, match: isPartial, delayMs: rng.int(0, 40) };
  }
  if (roll < fileChance + 0.3 || remaining === 0) {
    return {
      on: 'request',
      counts: 'any',
      nth: rng.int(1, lookups),
      delayMs: rng.chance(0.5) ? 0 : rng.int(1, 10),
    };
  }
  return {
    on: 'request',
    counts: 'write',
    nth: rng.int(1, remaining),
    delayMs: rng.chance(0.5) ? 0 : rng.int(1, 15),
  };
}

/** Kills of an import of `rows` rows. */
export function importStrategy(rows: number): KillStrategy {
  return {
    plan: (rng, view) => drawWriteJobKill(rng, view, rows - itemOutcomes(view.before), 3, 0.2),
    async classify(cycle: CycleResult, view: ChainView, after) {
      if (cycle.requests.length === 0) return START_UP;
      if (itemOutcomes(after) >= rows) {
        const writing =
          view.job !== undefined && (await hasPartialFile(view.job.paths.reports, cycle.startedAt));
        return writing
          ? 'writing the reports'
          : 'every row journaled, no report being written (before, between or after them)';
      }
      const writes = cycle.requests.filter(isWrite).length;
      if (writes === 0) return 'lookups and match index (fields, organization pages, landed checks)';
      const journaled = newOutcomeLines(after, view.before.lines.length, ['created', 'updated']);
      return writes > journaled
        ? 'mid-batch: a write sent, its outcome not journaled'
        : 'mid-batch: between a journaled outcome and the next write';
    },
  };
}

/** Kills of a delete of `ids` IDs. */
export function deleteStrategy(ids: number, bulk: boolean): KillStrategy {
  return {
    plan(rng, view) {
      const remaining = ids - itemOutcomes(view.before);
      // Lookups: which IDs exist; then the backup's fields, users and page.
      return drawWriteJobKill(rng, view, bulk ? Math.min(1, remaining) : remaining, 4, 0.25);
    },
    async classify(cycle, view, after) {
      if (cycle.requests.length === 0) return START_UP;
      const done = itemOutcomes(after) >= ids;
      const deletes = cycle.requests.filter(isWrite).length;
      if (deletes > 0 && !done) {
        if (bulk) return 'deleting: the v1 bulk call sent, its answer not journaled';
        const journaled = newOutcomeLines(after, view.before.lines.length, ['deleted']);
        return deletes > journaled
          ? 'deleting: a delete sent, its outcome not journaled'
          : 'deleting: between a journaled outcome and the next delete';
      }
      const fileBegun =
        view.job !== undefined && (await hasPartialFile(view.job.paths.reports, cycle.startedAt));
      if (done)
        return fileBegun
          ? 'writing the report'
          : 'every ID journaled, no report being written (before or after it)';
      if (!view.before.outcomes.has('backup')) {
        if (after.outcomes.has('backup')) return 'backup written, before the first delete';
        if (fileBegun) return 'writing the backup (XLSX)';
        if (cycle.requests.some((r) => r.path.endsWith('/organizationFields'))) {
          return 'backup: loading fields and the organizations';
        }
      }
      return 'lookups (which IDs exist, open groups re-checked)';
    },
  };
}

/** An export killed after its second page was asked for, with rows already in the partial file. */
export const BETWEEN_PAGES = 'a later page requested, earlier rows written';

/** Kills of an export to `out`, whose organizations the sandbox serves in three pages. */
export function exportStrategy(out: string, checkFile: (file: string) => Promise<void>): KillStrategy {
  const dir = path.dirname(out);
  const name = path.basename(out);
  return {
    plan(rng) {
      // Requests: fields, users, the pages; the file is begun once fields and users are in, written
      // as each page arrives, finished (zip or CSV flush) and renamed into place. The test's account
      // has three pages, so the 4th and 5th requests fall between pages.
      const roll = rng.next();
      if (roll < 0.3) return { on: 'request', counts: 'any', nth: rng.int(1, 5), delayMs: rng.int(0, 20) };
      if (roll < 0.75) return { on: 'file', dir, match: isPartial, delayMs: rng.int(0, 400) };
      if (roll < 0.85) return { on: 'file', dir, match: (n) => n === name, delayMs: 0 };
      return { on: 'request', counts: 'any', nth: 3, delayMs: rng.int(20, 400) };
    },
    async classify(cycle) {
      if (cycle.requests.length === 0) return START_UP;
      if (await modifiedSince(out, cycle.startedAt)) return 'after the rename, before the final state';
      const pages = cycle.requests.filter(
        (r) => r.method === 'GET' && r.path === '/api/v2/organizations',
      ).length;
      if (await hasPartialFile(dir, cycle.startedAt))
        return pages > 1 ? BETWEEN_PAGES : 'writing rows, finishing the file';
      return pages > 0 ? 'page requested, file not begun' : 'fields and users';
    },
    async afterKill() {
      // Under the chosen name there is nothing, or the whole file (a kill after the rename).
      if (await exists(out)) await checkFile(out);
    },
  };
}

async function modifiedSince(file: string, since: number): Promise<boolean> {
  return stat(file).then(
    (s) => s.mtimeMs >= since - 1,
    () => false,
  );
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
