/**
 * What the Organizations screen is showing and which organizations are ticked, kept for the visit
 * (leaving the screen for the delete preview and coming back finds both as they were). A selection
 * can hold 100,000 IDs, so it is a mutable set with a version number rather than a new array per
 * tick; components subscribe with {@link useBrowseState}.
 */
import { useSyncExternalStore } from 'react';
import type { BrowseCriteria, BrowseSort } from '../../../../shared/ipc-delete.ts';

/** The list's filter, order and columns. */
export interface BrowseQueryState {
  readonly criteria: BrowseCriteria;
  readonly sort: BrowseSort;
  /** Field keys after the ID; null until the fields are known (then the defaults apply). */
  readonly columns: ReadonlyArray<string> | null;
}

/** Columns shown before the user chooses, those the company has. */
export const DEFAULT_COLUMNS: ReadonlyArray<string> = [
  'name',
  'owner_id',
  'label_ids',
  'address',
  'people_count',
  'open_deals_count',
  'update_time',
];

let query: BrowseQueryState = { criteria: {}, sort: { key: 'id', direction: 'asc' }, columns: null };
const selected = new Set<number>();
let selectionSource: string | null = null;
/** Display index of the last row ticked by hand, for shift-click ranges; null after a list change. */
let anchor: number | null = null;
let version = 0;
const listeners = new Set<() => void>();

function changed(): void {
  version += 1;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders the caller whenever the query or the selection changes; returns the current version. */
export function useBrowseState(): number {
  return useSyncExternalStore(subscribe, () => version);
}

/** The list's current filter, order and columns. */
export function currentQuery(): BrowseQueryState {
  return query;
}

/** Changes the filter, order or columns. */
export function setQuery(update: (previous: BrowseQueryState) => BrowseQueryState): void {
  query = update(query);
  anchor = null;
  changed();
}

/** The ticked IDs (read-only view). */
export function selectedIds(): ReadonlySet<number> {
  return selected;
}

/** Where the selection came from, in words (for the delete report), or null when mixed by hand. */
export function currentSelectionSource(): string | null {
  return selectionSource;
}

/** The anchor of a shift-click range. */
export function selectionAnchor(): number | null {
  return anchor;
}

/** Ticks or unticks one row (by hand: it becomes the anchor of the next shift-click). */
export function toggleOne(id: number, index: number, on: boolean): void {
  if (on) selected.add(id);
  else selected.delete(id);
  anchor = index;
  selectionSource = null;
  changed();
}

/** Ticks or unticks many IDs at once (a range, every match, a reloaded list). */
export function setMany(ids: ReadonlyArray<number>, on: boolean, source: string | null = null): void {
  for (const id of ids) {
    if (on) selected.add(id);
    else selected.delete(id);
  }
  selectionSource = source;
  changed();
}

/** Replaces the selection with `ids`. */
export function replaceSelection(ids: ReadonlyArray<number>, source: string | null): void {
  selected.clear();
  setMany(ids, true, source);
  anchor = null;
}

/** Unticks everything. */
export function clearSelection(): void {
  selected.clear();
  selectionSource = null;
  anchor = null;
  changed();
}
