/**
 * The import in progress on the Import screen: the file, the open session, the user's choices, the
 * step, and the job it became. Kept outside the screen so a file dropped on any screen reaches it, and
 * so looking at History mid-way and coming back loses nothing. Nothing here is saved: a reload starts
 * over (the engine's session does not survive it either).
 */
import { useSyncExternalStore } from 'react';
import type { ImportChoicesView, ImportOpened, ImportReadChoice } from '../../../../shared/ipc-import.ts';
import type { PickedFile } from '../../../../shared/ipc.ts';
import type { Touched } from './choices.ts';

/** The Import screen's steps. */
export type ImportStep = 'columns' | 'check' | 'run';

/** The state of the import being prepared. */
export interface ImportDraft {
  /** The file chosen, dropped, or the failed-rows report being fixed. */
  readonly file: PickedFile | null;
  /** How to read it (the user's overrides of what was detected). */
  readonly read: ImportReadChoice;
  readonly opened: ImportOpened | null;
  readonly choices: ImportChoicesView | null;
  /** Headers whose target the user chose (kept when the file is read again with other settings). */
  readonly touched: Touched;
  /** Choices of an earlier import to start from (fixing its failed rows). */
  readonly carry: ImportChoicesView | null;
  readonly step: ImportStep;
  /** The import job started from this draft. */
  readonly jobId: string | null;
  /** True while the file is being read. */
  readonly opening: boolean;
  /** Why the file could not be read (or the preview not made), in words. */
  readonly openError: string | null;
}

const EMPTY: ImportDraft = {
  file: null,
  read: {},
  opened: null,
  choices: null,
  touched: {},
  carry: null,
  step: 'columns',
  jobId: null,
  opening: false,
  openError: null,
};

let state: ImportDraft = EMPTY;
const listeners = new Set<() => void>();

function set(next: ImportDraft): void {
  state = next;
  for (const listener of listeners) listener();
}

/** The current draft (for event handlers that must not re-render on it). */
export function currentDraft(): ImportDraft {
  return state;
}

/** Changes the draft. */
export function updateDraft(change: (draft: ImportDraft) => ImportDraft): void {
  set(change(state));
}

/** Starts over with a new file; `carry` keeps an earlier import's choices (fixing failed rows). */
export function startImport(file: PickedFile, carry: ImportChoicesView | null = null): void {
  set({ ...EMPTY, file, carry });
}

/** Forgets the draft (the screen closes the engine's session first). */
export function clearDraft(): void {
  set(EMPTY);
}

/** The draft, re-rendering on every change. */
export function useImportDraft(): ImportDraft {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}
