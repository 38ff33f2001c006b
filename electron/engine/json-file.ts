/**
 * Small file helpers for the data folder: atomic writes (a reader sees the old file or the new
 * one, never half of one) and reads that treat a missing file as "nothing yet".
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes `text` to a temporary file next to `file`, syncs it and renames it over `file`. `mode` sets
 * the permissions of a new file (0o600 for secrets).
 */
export async function writeFileAtomic(
  file: string,
  text: string,
  options: { mode?: number } = {},
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = tempPathFor(file);
  const handle = await open(temp, 'w', options.mode);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** A new temporary file next to `file` for {@link writeFileAtomic}: `<file>.<pid>-<6 hex digits>.tmp`. */
export function tempPathFor(file: string): string {
  return `${file}.${process.pid}-${randomBytes(3).toString('hex')}.tmp`;
}

/**
 * The file name a temporary file of {@link writeFileAtomic} was for (`state.json` for
 * `state.json.123-a1b2c3.tmp`), or null for any other name: what a writer killed mid-write leaves.
 */
export function tempFileOf(name: string): string | null {
  return /^(.+)\.\d+-[0-9a-f]{6}\.tmp$/.exec(name)?.[1] ?? null;
}

/** Reads a text file, or undefined when it does not exist. */
export async function readTextIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT')
      return undefined;
    throw error;
  }
}

/**
 * Runs a file's read-modify-write cycles one after another, so two changes never interleave and lose
 * each other; a failed cycle does not stop the ones after it.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `work` after everything queued before it. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Resolves once everything queued so far has run. */
  async idle(): Promise<void> {
    await this.tail;
  }
}
