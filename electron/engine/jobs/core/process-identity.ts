/**
 * Tells one process instance from another that merely has the same pid. A pid alone is not enough
 * to trust a lock file: after a reboot, or once the OS reuses a dead owner's pid, an unrelated
 * process answers to it. On Linux `/proc` gives the process start time (clock ticks since boot) and
 * the boot id, which together name one instance; elsewhere nothing is read and callers fall back to
 * the pid check.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** What can be told about a process besides its pid; a field is missing where it cannot be read. */
export interface ProcessIdentity {
  /** Linux `/proc/<pid>/stat` field 22: when the process started, in clock ticks since boot. */
  readonly startTime?: number;
  /** Linux `/proc/sys/kernel/random/boot_id`: changes on every boot. */
  readonly bootId?: string;
}

/**
 * The start time (field 22) from the text of `/proc/<pid>/stat`, or undefined if it is not there.
 * Field 2 is the command name in parentheses and may itself hold spaces and `)`, so fields are
 * counted from the last `)`.
 */
export function parseStatStartTime(text: string): number | undefined {
  const end = text.lastIndexOf(')');
  if (end < 0) return undefined;
  // After the name come fields 3, 4, …: field 22 is the 20th.
  const field = text
    .slice(end + 1)
    .trim()
    .split(/\s+/)[19];
  if (field === undefined || !/^\d+$/.test(field)) return undefined;
  const ticks = Number(field);
  return Number.isSafeInteger(ticks) ? ticks : undefined;
}

/** The boot id from the text of `/proc/sys/kernel/random/boot_id`, or undefined if it is not one. */
export function parseBootId(text: string): string | undefined {
  const id = text.trim().toLowerCase();
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) ? id : undefined;
}

/**
 * Whether `current` (read now for a pid) can be the process `recorded` (written by the pid's owner
 * earlier). Only a field known on both sides counts, so a missing one (old lock file, no `/proc`)
 * leaves the decision to the pid.
 */
export function sameProcess(recorded: ProcessIdentity, current: ProcessIdentity): boolean {
  if (recorded.bootId !== undefined && current.bootId !== undefined && recorded.bootId !== current.bootId) {
    return false;
  }
  // Within one boot a pid and start time name one process; across boots the boot id settled it above.
  return !(
    recorded.startTime !== undefined &&
    current.startTime !== undefined &&
    recorded.startTime !== current.startTime
  );
}

/**
 * Reads the identity of process `pid` from `/proc` (or `procRoot`, for tests). Never throws: on a
 * system without Linux `/proc`, or for a pid that is gone, the fields are simply left out.
 */
export async function readProcessIdentity(pid: number, procRoot = '/proc'): Promise<ProcessIdentity> {
  const [stat, boot] = await Promise.all([
    readFile(path.join(procRoot, String(pid), 'stat'), 'utf8').catch(() => undefined),
    readFile(path.join(procRoot, 'sys', 'kernel', 'random', 'boot_id'), 'utf8').catch(() => undefined),
  ]);
  const startTime = stat === undefined ? undefined : parseStatStartTime(stat);
  const bootId = boot === undefined ? undefined : parseBootId(boot);
  return {
    ...(startTime === undefined ? {} : { startTime }),
    ...(bootId === undefined ? {} : { bootId }),
  };
}
