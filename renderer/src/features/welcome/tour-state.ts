/**
 * The tour in progress, if any: which one, the step reached, and the jobs that existed when it began
 * (so the job it starts is recognised). Kept outside the screens, like the import draft, because a
 * tour crosses screens; a reload ends it (the screens' own drafts do not survive one either).
 */
import { useSyncExternalStore } from 'react';
import type { TourId } from '../../../../shared/welcome-tours.ts';

/** A tour being taken. */
export interface ActiveTour {
  readonly id: TourId;
  /** Index of the step reached (the number of steps once finished). */
  readonly reached: number;
  /** Ids of the jobs listed when the tour began. */
  readonly knownJobs: ReadonlySet<string>;
}

let active: ActiveTour | null = null;
const listeners = new Set<() => void>();

function set(next: ActiveTour | null): void {
  active = next;
  for (const listener of listeners) listener();
}

/** Begins a tour (replacing any other). */
export function beginTour(id: TourId, knownJobs: ReadonlyArray<string>): void {
  set({ id, reached: 0, knownJobs: new Set(knownJobs) });
}

/** Records the step reached; never goes back. */
export function reachStep(index: number): void {
  if (active && index > active.reached) set({ ...active, reached: index });
}

/** Leaves the tour; the screens stay as they are. */
export function leaveTour(): void {
  set(null);
}

/** The tour in progress, re-rendering on every change. */
export function useActiveTour(): ActiveTour | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => active,
  );
}
