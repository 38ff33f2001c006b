/**
 * Which files the UI may ask the OS to open or (in the browser version) download. Opening a path is
 * as good as running it, so a compromised or confused renderer must not be able to name any file on
 * disk: only files the app wrote or the user chose as a destination qualify.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ApiCallError } from './dispatch.ts';

/** True when `child` is `parent` or inside it (after resolving `.` and `..`). */
export function isInside(parent: string, child: string): boolean {
  const relative = path.relative(path.resolve(parent), path.resolve(child));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The pure decision: is `target` one of the allowed files or inside an allowed folder? */
export function isOpenable(
  target: string,
  roots: ReadonlyArray<string>,
  files: ReadonlySet<string>,
): boolean {
  if (!path.isAbsolute(target)) return false;
  const resolved = path.resolve(target);
  return files.has(resolved) || roots.some((root) => isInside(root, resolved));
}

/** The allow-list of one app instance. */
export class OpenablePaths {
  private readonly chosen = new Set<string>();

  /**
   * @param roots folders whose whole content may be opened (the jobs folder with its reports)
   * @param knownFiles files recorded elsewhere (every job's report paths), read at check time
   */
  constructor(
    private readonly roots: ReadonlyArray<string>,
    private readonly knownFiles: () => Promise<Iterable<string>>,
  ) {}

  /** Allows a file the user picked as a destination in a save dialog. */
  allow(file: string): void {
    this.chosen.add(path.resolve(file));
  }

  /** Resolves `target` if it may be opened and exists; throws a user-facing error otherwise. */
  async check(target: string, kind: 'file' | 'any' = 'any'): Promise<string> {
    const files = new Set(this.chosen);
    for (const file of await this.knownFiles()) files.add(path.resolve(file));
    if (!isOpenable(target, this.roots, files)) {
      throw new ApiCallError(
        'forbidden',
        'Only files Orgport wrote or you chose as a destination can be opened.',
      );
    }
    const resolved = path.resolve(target);
    // A path allowed only for lying inside a root must still be inside it once links are followed:
    // a symbolic link planted in the jobs folder must not hand out a file from elsewhere on disk.
    if (!files.has(resolved) && !(await insideOnDisk(resolved, this.roots))) {
      throw new ApiCallError(
        'forbidden',
        'Only files Orgport wrote or you chose as a destination can be opened.',
      );
    }
    try {
      const info = await stat(resolved);
      if (kind === 'file' && !info.isFile())
        throw new ApiCallError('not_found', `${resolved} is not a file.`);
    } catch (error) {
      if (error instanceof ApiCallError) throw error;
      throw new ApiCallError('not_found', `${resolved} does not exist (any more).`);
    }
    return resolved;
  }
}

/** True when `target`, with every link followed, is inside one of `roots` (links followed too). */
async function insideOnDisk(target: string, roots: ReadonlyArray<string>): Promise<boolean> {
  // A missing file is left to the existence check below, which says so plainly.
  const real = await realpath(target).catch(() => null);
  if (real === null) return true;
  for (const root of roots) {
    const realRoot = await realpath(root).catch(() => null);
    if (realRoot !== null && isInside(realRoot, real)) return true;
  }
  return false;
}
