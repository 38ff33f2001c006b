/**
 * The delete job's journal lines and the ledger rebuilt from them: what has happened to every ID,
 * whether the backup is written, and which groups of deletes were under way when a run ended.
 *
 * Why groups. Before each group of up to 1,000 IDs is sent (one v1 bulk call, or that many v2 deletes)
 * the job writes a synced intent naming the group's IDs, and closes the group once every one of them
 * has an outcome. An intent still open on resume means deletes may have landed without their outcome
 * being written (a kill, a crash, a lost answer): those IDs are checked with one listing, and the ones
 * that are gone are recorded as deleted instead of being sent again, the rest deleted normally.
 */
import type { DeleteCounts } from '../../../../shared/jobs.ts';
import type { IntentLine, JournalContents } from '../core/journal.ts';
import type { DeleteSpec } from './delete-spec.ts';

/** What happened to one organization. */
export type ItemOutcome = 'deleted' | 'not-found' | 'skipped' | 'failed';

/** Which way a deletion went: the v1 bulk call, a v2 delete, or found gone when an open group was checked. */
export type DeletedVia = 'v1' | 'v2' | 'recheck';

/** The outcome of one organization. */
export interface ItemLine {
  readonly i: number;
  readonly outcome: ItemOutcome;
  readonly name?: string | null;
  /** Why it was not deleted (skipped, failed, not found). */
  readonly reason?: string;
  readonly via?: DeletedVia;
}

/** The backup was written, before the first delete. */
export interface BackupLine {
  readonly i: 'backup';
  readonly outcome: 'written';
  readonly path: string;
  readonly rows: number;
}

/** Every ID of a group has an outcome (or was handed to a newer group). */
export interface GroupLine {
  readonly i: string;
  readonly outcome: 'closed';
}

/** Any outcome line of a delete job's journal. */
export type DeleteOutcome = ItemLine | BackupLine | GroupLine;

/** The intent written before a group is sent. */
export interface GroupIntentData {
  readonly ids: ReadonlyArray<number>;
  /** The organizations' names, parallel to `ids`, so a resumed run can report the ones it finds gone. */
  readonly names: ReadonlyArray<string | null>;
}

/** Journal key of group `n`. */
export const groupKey = (n: number): string => `group:${n}`;

/** Report wording of each outcome. */
export const OUTCOME_LABELS: { readonly [O in ItemOutcome]: string } = {
  deleted: 'deleted',
  'not-found': 'not found / already deleted',
  skipped: 'skipped',
  failed: 'failed',
};

function isItemLine(line: DeleteOutcome): line is ItemLine {
  return typeof line.i === 'number';
}

function groupOf(intent: IntentLine): Map<number, string | null> {
  const data = intent.data as Partial<GroupIntentData> | undefined;
  const ids = Array.isArray(data?.ids) ? data.ids : [];
  const names = Array.isArray(data?.names) ? data.names : [];
  const group = new Map<number, string | null>();
  ids.forEach((id, n) => {
    const name = names[n];
    if (typeof id === 'number') group.set(id, typeof name === 'string' ? name : null);
  });
  return group;
}

/** What the journal says, kept current as the run appends to it. */
export class DeleteLedger {
  readonly items = new Map<number, ItemLine>();
  backup: BackupLine | null = null;
  /** Groups left open by an earlier run: key → their IDs with names. */
  readonly openGroups = new Map<string, Map<number, string | null>>();
  /** The next free group number. */
  nextGroup = 0;

  constructor(
    private readonly spec: Pick<DeleteSpec, 'ids' | 'excluded'>,
    contents?: JournalContents<DeleteOutcome>,
  ) {
    if (!contents) return;
    for (const line of contents.outcomes.values()) {
      if (isItemLine(line)) this.items.set(line.i, line);
      else if (line.i === 'backup' && line.outcome === 'written') this.backup = line;
    }
    for (const [key, intent] of contents.openIntents) {
      if (typeof key === 'string' && key.startsWith('group:')) this.openGroups.set(key, groupOf(intent));
    }
    for (const line of contents.lines) {
      const match = typeof line.i === 'string' ? /^group:(\d+)$/.exec(line.i) : null;
      if (match?.[1] !== undefined) this.nextGroup = Math.max(this.nextGroup, Number(match[1]) + 1);
    }
  }

  /** Records an outcome (the caller appends it to the journal). */
  record(line: ItemLine): void {
    this.items.set(line.i, line);
  }

  /** IDs of the spec with no outcome yet, in the spec's order. */
  pending(): number[] {
    return this.spec.ids.filter((id) => !this.items.has(id));
  }

  /** Every ID of the groups an earlier run left open. */
  openGroupIds(): Set<number> {
    return new Set([...this.openGroups.values()].flatMap((group) => [...group.keys()]));
  }

  /** The names the open groups' intents recorded, by ID. */
  openGroupNames(): Map<number, string | null> {
    return new Map([...this.openGroups.values()].flatMap((group) => [...group]));
  }

  /** Counts over the whole job, the preview's left-out IDs included. */
  counts(): DeleteCounts {
    let deleted = 0;
    let notFound = 0;
    let skipped = 0;
    let failed = 0;
    for (const line of this.items.values()) {
      if (line.outcome === 'deleted') deleted += 1;
      else if (line.outcome === 'not-found') notFound += 1;
      else if (line.outcome === 'skipped') skipped += 1;
      else failed += 1;
    }
    for (const e of this.spec.excluded) {
      if (e.status === 'not-found') notFound += 1;
      else skipped += 1;
    }
    return { deleted, notFound, skipped, failed };
  }

  /** IDs to delete that have an outcome (the progress bar's `current` while deleting). */
  resolved(): number {
    return this.items.size;
  }

  /** IDs to delete (the progress bar's `total` while deleting). */
  total(): number {
    return this.spec.ids.length;
  }

  /** The delete paths used so far, in words for the report. */
  pathTaken(): string {
    const vias = new Set([...this.items.values()].map((l) => l.via).filter((v) => v === 'v1' || v === 'v2'));
    if (vias.has('v1') && vias.has('v2')) {
      return 'v1 bulk delete, then v2 per-organization deletes (the v1 endpoint stopped answering)';
    }
    if (vias.has('v1')) return 'v1 bulk delete (up to 1,000 organizations a call, 10 tokens a call)';
    if (vias.has('v2'))
      return 'v2 per-organization deletes (3 tokens each; the v1 bulk delete is not available)';
    return 'none (nothing was sent for deletion)';
  }
}
