/**
 * The IDs the Organizations screen hands to the delete screen ("Delete selected…"), kept for the
 * visit. Only a list of IDs with where it came from: the delete screen previews it before anything.
 */
import { useSyncExternalStore } from 'react';

/** A list of IDs to preview for deletion. */
export interface DeleteCandidates {
  readonly ids: ReadonlyArray<number>;
  /** Where they came from, in words ("selected in Organizations: owner Maria Müller"). */
  readonly source: string;
}

let draft: DeleteCandidates | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The IDs handed over, or null. */
export function useHandedOver(): DeleteCandidates | null {
  return useSyncExternalStore(subscribe, () => draft);
}

/** Hands IDs to the delete screen (replacing any handed over before). */
export function handOver(candidates: DeleteCandidates | null): void {
  draft = candidates;
  for (const listener of listeners) listener();
}
