/**
 * Jobs on disk: one folder per job under the data folder's `jobs/`, shared by the CLI and the app.
 *
 * ```
 * jobs/20261128-111706-ab12/
 *   job.json       what to do: kind + the caller's spec (written once, never holds the token)
 *   state.json     the JobSummary, rewritten atomically as the job goes
 *   journal.jsonl  one line per item outcome (journal.ts)
 *   run.lock       the process running the job, while it runs: {pid, since, startTime?, bootId?}
 *   reports/       files written for the user
 * ```
 */
import { mkdir, open, readFile, readdir, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { JOB_KINDS, emptyCounts } from '../../../../shared/jobs.ts';
import type { JobKind, JobState, JobSummary } from '../../../../shared/jobs.ts';
import { sanitizeSpec } from './job-spec.ts';
import { tempFileOf, writeFileAtomic } from '../../json-file.ts';
import { readProcessIdentity, sameProcess } from './process-identity.ts';
import type { ProcessIdentity } from './process-identity.ts';

/** `job.json`: what the job is to do. */
export interface JobFile {
  readonly version: 1;
  readonly id: string;
  readonly kind: JobKind;
  readonly createdAt: string;
  /** The caller's spec, JSON as written; a job definition parses it before use. */
  readonly spec: unknown;
}

/** A job as read from disk. */
export interface StoredJob {
  readonly job: JobFile;
  readonly summary: JobSummary;
  readonly paths: JobPaths;
}

/** The files of one job. */
export interface JobPaths {
  readonly dir: string;
  readonly jobFile: string;
  readonly stateFile: string;
  readonly journal: string;
  readonly lock: string;
  readonly reports: string;
}

/** What `create` needs. */
export interface NewJob {
  readonly kind: JobKind;
  /** JSON-serialisable; credential-like properties (`token`, …) are removed, see `sanitizeSpec`. */
  readonly spec: unknown;
  readonly title: string;
  /** A user-facing account label, never the token. */
  readonly connection: string;
}

/** Thrown when a job is already being run by a live process. */
export class JobBusyError extends Error {
  override readonly name = 'JobBusyError';
}

/** What a JobStore can be given; the process checks are there for tests to replace. */
export interface JobStoreOptions {
  readonly now?: () => Date;
  /** Whether some process has this pid (default: signal 0). */
  readonly isAlive?: (pid: number) => boolean;
  /** What tells the process with this pid from an earlier one with the same pid (default: `/proc`). */
  readonly identify?: (pid: number) => Promise<ProcessIdentity>;
}

/** `run.lock`: who runs the job. Lock files written before `startTime`/`bootId` existed have only a pid. */
interface LockRecord extends ProcessIdentity {
  readonly pid: number;
}

const ACTIVE: ReadonlyArray<JobState> = ['queued', 'running', 'paused'];

/** The files of a job folder written with writeFileAtomic, whose leftover temporary files are removed. */
const ATOMIC_FILES: ReadonlyArray<string | null> = ['job.json', 'state.json'];

/** Reads and writes the job folders under one `jobs/` directory. */
export class JobStore {
  private readonly now: () => Date;
  private readonly isAlive: (pid: number) => boolean;
  private readonly identify: (pid: number) => Promise<ProcessIdentity>;

  constructor(
    readonly root: string,
    options: JobStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.isAlive = options.isAlive ?? processIsAlive;
    this.identify = options.identify ?? ((pid) => readProcessIdentity(pid));
  }

  /** The files of job `id` (whether or not it exists). */
  paths(id: string): JobPaths {
    if (!/^[\w-]+$/.test(id)) throw new Error(`Not a job id: ${JSON.stringify(id)}`);
    const dir = path.join(this.root, id);
    return {
      dir,
      jobFile: path.join(dir, 'job.json'),
      stateFile: path.join(dir, 'state.json'),
      journal: path.join(dir, 'journal.jsonl'),
      lock: path.join(dir, 'run.lock'),
      reports: path.join(dir, 'reports'),
    };
  }

  /** Creates a job folder with `job.json` and a `queued` state, and returns it. */
  async create(input: NewJob): Promise<StoredJob> {
    const spec = sanitizeSpec(input.spec);
    await mkdir(this.root, { recursive: true });
    const created = this.now();
    for (;;) {
      const id = jobId(created);
      const paths = this.paths(id);
      try {
        await mkdir(paths.dir); // not recursive: EEXIST means the id is taken
      } catch (error) {
        if (errorCode(error) === 'EEXIST') continue;
        throw error;
      }
      await mkdir(paths.reports);
      const job: JobFile = { version: 1, id, kind: input.kind, createdAt: created.toISOString(), spec };
      await writeJsonAtomic(paths.jobFile, job);
      const summary = blankSummary(job, {
        state: 'queued',
        title: input.title,
        connection: input.connection,
      });
      await this.writeState(summary);
      return { job, summary, paths };
    }
  }

  /** Loads one job. A job left `running` by a process that died reads as `stopped` (interrupted). */
  async load(id: string): Promise<StoredJob> {
    const paths = this.paths(id);
    const job = parseJobFile(await readJson(paths.jobFile), paths.jobFile);
    let summary: JobSummary;
    try {
      summary = parseSummary(await readJson(paths.stateFile), job);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
      // Created but killed before the first state write.
      summary = stoppedSummary(job);
    }
    return { job, summary: await this.withLiveness(paths, summary), paths };
  }

  /** Every job, newest first (`orgport jobs`, the history). Unreadable folders are left out. */
  async list(): Promise<StoredJob[]> {
    let names: string[];
    try {
      names = await readdir(this.root);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
    const jobs = await Promise.all(names.map((name) => this.load(name).catch(() => undefined)));
    return jobs
      .filter((job): job is StoredJob => job !== undefined)
      .sort((a, b) => compareDesc(a.job.createdAt, b.job.createdAt) || compareDesc(a.job.id, b.job.id));
  }

  /** The newest job that can be resumed (`orgport resume` without an id), if any. */
  async latestResumable(): Promise<StoredJob | undefined> {
    return (await this.list()).find((job) => job.summary.state === 'stopped');
  }

  /** Replaces `state.json` atomically: a reader sees the old summary or the new one, never a mix. */
  async writeState(summary: JobSummary): Promise<void> {
    await writeJsonAtomic(this.paths(summary.id).stateFile, summary);
  }

  /**
   * Marks job `id` as run by this process until the returned release function is called. Fails
   * with JobBusyError when a live process holds it, so the CLI and the app never run one job twice.
   * Once locked, temporary files that a killed writer left in the job's folder are removed.
   */
  async acquireLock(id: string): Promise<() => Promise<void>> {
    const { dir, lock } = this.paths(id);
    const record: LockRecord = {
      pid: process.pid,
      ...(await this.identify(process.pid)),
    };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        const handle = await open(lock, 'wx');
        await handle.writeFile(JSON.stringify({ ...record, since: this.now().toISOString() }));
        await handle.close();
        await removeLeftoverTemps(dir);
        return async () => {
          await unlink(lock).catch(() => undefined);
        };
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
      }
      const owner = await lockOwner(lock);
      if (owner !== undefined && (await this.isLive(owner))) {
        throw new JobBusyError(`Job ${id} is already running (process ${owner.pid}).`);
      }
      await unlink(lock).catch(() => undefined); // left by a process that died
    }
    throw new JobBusyError(`Job ${id} could not be locked.`);
  }

  private async withLiveness(paths: JobPaths, summary: JobSummary): Promise<JobSummary> {
    if (!ACTIVE.includes(summary.state)) return summary;
    const owner = await lockOwner(paths.lock);
    if (owner !== undefined && (await this.isLive(owner))) return summary;
    // Its process is gone (crash, kill -9, power loss): it will not move again unless resumed.
    return { ...summary, state: 'stopped', stopReason: 'interrupted' };
  }

  /** Whether the lock's owner still runs: its pid exists and, where it can be told, is the same process. */
  private async isLive(owner: LockRecord): Promise<boolean> {
    return this.isAlive(owner.pid) && sameProcess(owner, await this.identify(owner.pid));
  }
}

/** A new job id: UTC date and time (so ids sort by creation) plus 4 random hex digits. */
export function jobId(at: Date): string {
  const iso = at.toISOString(); // 2026-11-28T11:17:06.123Z
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

/** Writes JSON to a temporary file, syncs it and renames it over `file`. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n');
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}

function parseJobFile(value: unknown, file: string): JobFile {
  if (
    isRecord(value) &&
    value['version'] === 1 &&
    typeof value['id'] === 'string' &&
    typeof value['createdAt'] === 'string' &&
    JOB_KINDS.includes(value['kind'] as JobKind)
  ) {
    return value as unknown as JobFile;
  }
  throw new Error(`${file} is not a job file Orgport understands.`);
}

// state.json is only ever written by writeState; this checks it is ours and matches job.json.
function parseSummary(value: unknown, job: JobFile): JobSummary {
  if (isRecord(value) && value['id'] === job.id && value['kind'] === job.kind && isRecord(value['counts'])) {
    return value as unknown as JobSummary;
  }
  return stoppedSummary(job);
}

function stoppedSummary(job: JobFile): JobSummary {
  const title = `${job.kind[0]?.toUpperCase()}${job.kind.slice(1)} job`;
  return { ...blankSummary(job, { state: 'stopped', title, connection: '' }), stopReason: 'interrupted' };
}

function blankSummary(
  job: JobFile,
  fields: { readonly state: JobState; readonly title: string; readonly connection: string },
): JobSummary {
  return {
    id: job.id,
    kind: job.kind,
    ...fields,
    createdAt: job.createdAt,
    updatedAt: job.createdAt,
    counts: emptyCounts(job.kind),
    current: 0,
    total: null,
    tokensSpent: 0,
    reports: [],
  } as JobSummary; // emptyCounts(kind) matches kind; TypeScript cannot follow that across the union
}

async function lockOwner(lock: string): Promise<LockRecord | undefined> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(lock, 'utf8'));
  } catch {
    return undefined; // missing, or cut short by a crash between create and write
  }
  if (!isRecord(value)) return undefined;
  const { pid, startTime, bootId } = value;
  // Not 0 or negative: process.kill(0, 0) signals our own process group and would always "succeed".
  if (typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid <= 0) return undefined;
  return {
    pid,
    ...(typeof startTime === 'number' && Number.isSafeInteger(startTime) ? { startTime } : {}),
    ...(typeof bootId === 'string' ? { bootId } : {}),
  };
}

// Only the lock holder writes job.json and state.json, so once locked no such temp file is in use.
async function removeLeftoverTemps(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => []);
  await Promise.all(
    names
      .filter((name) => ATOMIC_FILES.includes(tempFileOf(name)))
      .map((name) => unlink(path.join(dir, name)).catch(() => undefined)),
  );
}

function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM'; // exists, owned by someone else
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorCode(error: unknown): unknown {
  return isRecord(error) ? error['code'] : undefined;
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
