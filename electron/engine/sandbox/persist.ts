/**
 * Optional persistence of the sandbox to one JSON file: loaded on start when present, written a short
 * while after changes (debounced, so a burst of writes costs one save) and on close. Writes go to a
 * temporary file that is renamed over the target, so a crash never leaves half a file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import type { SandboxSnapshot } from './state.ts';

/** How long after the last change the file is written. */
export const SAVE_DEBOUNCE_MS = 250;

/** Reads a snapshot file; null when there is none. Throws with the path named when it is unusable. */
export function loadSnapshot(path: string): SandboxSnapshot | null {
  if (!existsSync(path)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `sandbox data file ${path} is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const snap = parsed as Partial<SandboxSnapshot> | null;
  if (
    !snap ||
    snap.format !== 'orgport-sandbox' ||
    snap.version !== 1 ||
    !Array.isArray(snap.organizations) ||
    typeof snap.account !== 'object'
  ) {
    throw new Error(`sandbox data file ${path} is not an Orgport sandbox file (format version 1)`);
  }
  return snap as SandboxSnapshot;
}

/** Debounced writer of snapshots to one file. */
export class SnapshotSaver {
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private savedVersion: number;
  /** The last save's error, if it failed (the sandbox keeps serving; the next save retries). */
  lastError: Error | null = null;

  constructor(
    private readonly path: string,
    private readonly snapshot: () => SandboxSnapshot,
    private readonly version: () => number,
  ) {
    this.savedVersion = -1;
  }

  /** Declares the current data saved (right after loading it from the file). */
  markSaved(): void {
    this.savedVersion = this.version();
  }

  /** Schedules a save if the data changed since the last one. */
  changed(): void {
    if (this.version() === this.savedVersion || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.save();
    }, SAVE_DEBOUNCE_MS);
    // A pending save must not keep a CLI process alive on its own; close() flushes it anyway.
    this.timer.unref();
  }

  /** Writes now if anything changed, waiting for any write in progress. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    await this.save();
  }

  private save(): Promise<void> {
    this.writing = this.writing.then(async () => {
      const version = this.version();
      if (version === this.savedVersion) return;
      const tmp = `${this.path}.${process.pid}.tmp`;
      try {
        await writeFile(tmp, JSON.stringify(this.snapshot()));
        await rename(tmp, this.path);
        this.savedVersion = version;
        this.lastError = null;
      } catch (error) {
        this.lastError = error instanceof Error ? error : new Error(String(error));
      }
    });
    return this.writing;
  }
}
