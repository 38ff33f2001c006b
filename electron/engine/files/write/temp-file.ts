import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * A hidden sibling of the target file. Writing there and renaming at the end means a cancelled or
 * crashed export never leaves a half file under the name the user chose (rename is atomic on one disk).
 */
export function tempPathFor(target: string): string {
  const dir = path.dirname(target);
  return path.join(dir, `.${path.basename(target)}.${randomBytes(4).toString('hex')}.orgport-partial`);
}

/** Moves the finished temporary file over the target. */
export async function commitTemp(temp: string, target: string): Promise<void> {
  await rename(temp, target);
}

/** Deletes a temporary file, ignoring one that is already gone. */
export async function discardTemp(temp: string): Promise<void> {
  await rm(temp, { force: true });
}
