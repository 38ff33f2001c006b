import { randomBytes } from 'node:crypto';
import { readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

const PARTIAL_SUFFIX = '.orgport-partial';

/**
 * A hidden sibling of the target file. Writing there and renaming at the end means a cancelled or
 * crashed export never leaves a half file under the name the user chose (rename is atomic on one disk).
 */
export function tempPathFor(target: string): string {
  const dir = path.dirname(target);
  return path.join(dir, `.${path.basename(target)}.${randomBytes(4).toString('hex')}${PARTIAL_SUFFIX}`);
}

/**
 * Deletes the temporary files of `target` that a killed process left behind (a kill -9 or a crash
 * cannot clean up after itself). Call it only where no other writer of the same target can be at
 * work: a resumed job, before writing its file again.
 */
export async function discardLeftoverTemps(target: string): Promise<void> {
  const dir = path.dirname(target);
  const prefix = `.${path.basename(target)}.`;
  const names = await readdir(dir).catch(() => [] as string[]);
  const leftovers = names.filter(
    (name) =>
      name.startsWith(prefix) &&
      name.endsWith(PARTIAL_SUFFIX) &&
      /^[0-9a-f]{8}$/.test(name.slice(prefix.length, -PARTIAL_SUFFIX.length)),
  );
  await Promise.all(leftovers.map((name) => discardTemp(path.join(dir, name))));
}

/** Moves the finished temporary file over the target. */
export async function commitTemp(temp: string, target: string): Promise<void> {
  await rename(temp, target);
}

/** Deletes a temporary file, ignoring one that is already gone. */
export async function discardTemp(temp: string): Promise<void> {
  await rm(temp, { force: true });
}
