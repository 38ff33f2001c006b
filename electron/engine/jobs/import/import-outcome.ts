/**
 * The import job's journal lines: one per row of the file, keyed by its row number, saying what
 * happened to it. The counts, the progress and the reports are all rebuilt from these lines, so a job
 * resumed any number of times reports every row exactly once.
 */
import type { ImportCounts } from '../../../../shared/jobs.ts';
import type { OutcomeLine } from '../core/journal.ts';

/** What happened to a row. */
export type ImportOutcomeKind = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';

/** One journal line of the import: row `i` (its row number) ended as `outcome`. */
export interface ImportOutcome extends OutcomeLine {
  readonly i: number;
  readonly outcome: ImportOutcomeKind;
  /** The organization created, updated or matched. */
  readonly id?: number;
  /** Why a row failed, was skipped or unchanged, in plain language. */
  readonly reason?: string;
  /** A create whose answer was lost, found in Pipedrive afterwards and adopted (not sent again). */
  readonly adopted?: true;
}

/** Counts per outcome over the journal's lines. */
export function countOutcomes(
  outcomes: Iterable<ImportOutcome>,
): Record<ImportOutcomeKind, number> & ImportCounts {
  const counts = { created: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0 };
  for (const line of outcomes) counts[line.outcome] += 1;
  return counts;
}

/** The action column of the succeeded-rows report. */
export function actionText(line: ImportOutcome): string {
  switch (line.outcome) {
    case 'created':
      return line.adopted ? 'created (confirmed after its answer was lost)' : 'created';
    case 'updated':
      return 'updated';
    case 'unchanged':
      return 'unchanged (Pipedrive already had these values)';
    case 'skipped':
      return 'skipped (nothing to change)';
    case 'failed':
      return 'failed';
  }
}

/** Reads the import's outcomes from a journal's `outcomes` map (keys are row numbers). */
export function importOutcomes(lines: ReadonlyMap<string | number, OutcomeLine>): Map<number, ImportOutcome> {
  const out = new Map<number, ImportOutcome>();
  for (const [key, line] of lines) {
    // Only the import writes this journal, so its lines have this shape.
    if (typeof key === 'number') out.set(key, line as ImportOutcome);
  }
  return out;
}
