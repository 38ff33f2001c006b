/**
 * Kill-and-resume machinery of the crash tests: a tap on the sandbox that sees every request as it is
 * about to be applied, a child run killed with SIGKILL when a chosen request arrives (or a moment
 * after), the journal checks done after every kill, and the torn line written before a resume.
 */
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { readFile, readdir, truncate, appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  readJournal,
  type JournalContents,
  type OutcomeLine,
} from '../../electron/engine/jobs/core/journal.ts';
import { JobStore, type StoredJob } from '../../electron/engine/jobs/core/job-store.ts';
import type { RunningSandbox } from '../../electron/engine/sandbox/index.ts';
import type { ChildBundle, SeededRandom } from './crash-bundle.ts';
import type { CrashChildConfig, CrashChildResult } from './crash-child.ts';

/** One request as the sandbox saw it. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
}

/**
 * Sees every request a sandbox admits, synchronously, after its latency and before it is handled:
 * a kill from here lands with that request sent and about to be applied, its answer lost.
 */
export class RequestTap {
  listener: ((request: SeenRequest) => void) | undefined;

  constructor(readonly sandbox: RunningSandbox) {
    // A queued fault that never matches: its `match` is only used to watch the requests go by.
    sandbox.control.injectFault({
      kind: 'serverError',
      match: (method, requestPath) => {
        this.listener?.({ method, path: requestPath });
        return false;
      },
    });
  }

  /** The sequence number of the last logged request. */
  lastSeq(): number {
    return this.sandbox.control.requestLog.at(-1)?.seq ?? 0;
  }
}

/** True for a request that changes an organization. */
export function isWrite(request: SeenRequest): boolean {
  return request.method !== 'GET' && /\/organizations(\/\d+)?$/.test(request.path);
}

/**
 * When to kill: at the `nth` request that `counts` accepts, or when a file whose name `match`
 * accepts appears in (or is renamed into) `dir` — a report or backup begun, an export renamed into
 * place — in either case `delayMs` later.
 */
export type KillPlan =
  | {
      readonly on: 'request';
      readonly counts: 'any' | 'write';
      readonly nth: number;
      readonly delayMs: number;
    }
  | {
      readonly on: 'file';
      readonly dir: string;
      readonly match: (name: string) => boolean;
      readonly delayMs: number;
    };

/** How one child run ended. */
export interface CycleResult {
  /** When the child was started (epoch ms). */
  readonly startedAt: number;
  readonly killed: boolean;
  /** The requests of this run that reached the sandbox before the kill (all of them if not killed). */
  readonly requests: ReadonlyArray<SeenRequest>;
  /** The child's final state when it was not killed. */
  readonly state: string | null;
  readonly stderr: string;
}

/** One job, run and killed again and again in one data folder. */
export interface JobChain {
  readonly home: string;
  readonly token: string;
  readonly start: NonNullable<CrashChildConfig['start']>;
}

let configCount = 0;

/**
 * Runs the chain's job once in a child — starting it if it does not exist yet, else resuming it — and
 * kills it as `plan` says (never, without a plan). Resolves once the child is gone and every request
 * it had sent has been handled by the sandbox.
 */
export async function runCycle(
  bundle: ChildBundle,
  tap: RequestTap,
  chain: JobChain,
  plan: KillPlan | null,
): Promise<CycleResult> {
  const job = await onlyJob(chain.home);
  const config: CrashChildConfig = {
    home: chain.home,
    baseUrl: tap.sandbox.url,
    token: chain.token,
    ...(job ? { resumeId: job.job.id } : { start: chain.start }),
  };
  const configFile = path.join(chain.home, `child-${(configCount += 1)}.json`);
  await writeFile(configFile, JSON.stringify(config));
  const fromSeq = tap.lastSeq();
  const startedAt = Date.now();
  const child = spawn(process.execPath, [bundle.file, configFile], {
    env: { PATH: process.env['PATH'] ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
  const exited = new Promise<NodeJS.Signals | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (_code, signal) => resolve(signal));
  });

  const requests: SeenRequest[] = [];
  let requestsAtKill: number | null = null;
  let tapped = 0;
  let counted = 0;
  const kill = (): void => {
    if (child.exitCode !== null || child.signalCode !== null || requestsAtKill !== null) return;
    requestsAtKill = requests.length;
    child.kill('SIGKILL');
  };
  let fired = false;
  const fire = (delayMs: number): void => {
    if (fired) return;
    fired = true;
    if (delayMs === 0) kill();
    else setTimeout(kill, delayMs);
  };
  tap.listener = (request) => {
    tapped += 1;
    if (requestsAtKill !== null) return; // a straggler of the killed child
    requests.push(request);
    if (plan?.on !== 'request' || (plan.counts === 'write' && !isWrite(request))) return;
    counted += 1;
    if (counted === plan.nth) fire(plan.delayMs);
  };
  const watcher =
    plan?.on === 'file'
      ? watch(plan.dir, (_event, name) => {
          if (name !== null && plan.match(name)) fire(plan.delayMs);
        })
      : null;
  const t0 = Date.now();
  const signal = await exited;
  const t1 = Date.now();
  watcher?.close();
  tap.listener = undefined;
  await settle(tap, fromSeq, () => tapped);
  // ORGPORT_CRASH_DEBUG=1 prints every run: how it was to be killed, how long it ran, what it sent.
  if (process.env['ORGPORT_CRASH_DEBUG']) {
    const sent = `${requests.length} requests before the kill, ${tapped} in all`;
    console.log(`run ${JSON.stringify(plan)}: ${signal ?? 'exited'} after ${t1 - t0} ms, ${sent}`);
  }

  const killed = signal === 'SIGKILL';
  if (!killed) {
    const last = stdout.trim().split('\n').at(-1) ?? '';
    let result: CrashChildResult | undefined;
    try {
      result = JSON.parse(last) as CrashChildResult;
    } catch {
      result = undefined;
    }
    if (child.exitCode !== 0 || result?.state === undefined) {
      throw new Error(`The child ended with code ${child.exitCode} (${signal ?? 'no signal'}):\n${stderr}`);
    }
    return { startedAt, killed, requests, state: result.state, stderr };
  }
  return { startedAt, killed, requests, state: null, stderr };
}

/**
 * Waits until the sandbox has handled every request the child had sent, as a restart some seconds
 * later would find it. A request whose caller is gone is not logged once handled, so the wait for
 * those ends after a bound long enough for the slowest handler here (a v1 bulk delete).
 */
async function settle(tap: RequestTap, fromSeq: number, tapped: () => number): Promise<void> {
  const deadline = Date.now() + 1500;
  while (Date.now() < deadline) {
    if (tap.lastSeq() - fromSeq >= tapped()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The one job of a data folder, if it has been created. */
export async function onlyJob(home: string): Promise<StoredJob | undefined> {
  const names = await readdir(path.join(home, 'jobs')).catch(() => []);
  if (names.length > 1) throw new Error(`more than one job in ${home}: ${names.join(', ')}`);
  const [id] = names;
  return id === undefined ? undefined : new JobStore(path.join(home, 'jobs')).load(id);
}

/**
 * Checks a killed job as a restarted app would find it: state.json and job.json readable, the job
 * not running (stopped, or done if the kill came after the end), and the journal readable — a torn
 * last line allowed, damage anywhere else not. Returns the journal's contents.
 */
export async function checkAfterKill<T extends OutcomeLine>(job: StoredJob): Promise<JournalContents<T>> {
  const reloaded = await new JobStore(path.dirname(job.paths.dir)).load(job.job.id);
  if (reloaded.summary.state !== 'stopped' && reloaded.summary.state !== 'done') {
    throw new Error(
      `a killed job reads as ${reloaded.summary.state}, not stopped: ${JSON.stringify(reloaded.summary.error)}`,
    );
  }
  // Throws JournalCorruptError on a damaged line that is not the last.
  return readJournal<T>(job.paths.journal);
}

/** How a torn last line was made. */
export type Tear = 'cut last outcome line' | 'half line appended';

/**
 * Leaves the journal as a kill in the middle of a write would: the last outcome line cut in half (its
 * outcome lost, so the resumed job must redo or re-check that item), or half of a new line appended.
 * An intent line is never cut: the job syncs it before the request goes out, so no kill can tear an
 * intent whose request was sent.
 */
export async function tearJournal(file: string, rng: SeededRandom): Promise<Tear> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const lines = text.split('\n');
  const last = lines.at(-2);
  if (last !== undefined && lines.at(-1) === '' && !last.includes('"intent":') && rng.chance(0.5)) {
    const keep = Buffer.byteLength(text) - Buffer.byteLength(last) - 1 + Math.max(1, last.length >> 1);
    await truncate(file, keep);
    return 'cut last outcome line';
  }
  const half = '{"i":424242,"outcome":"created","id":99';
  await appendFile(file, half.slice(0, rng.int(2, half.length - 1)));
  return 'half line appended';
}

/** Counts of kills by the phase they landed in. */
export class PhaseTally {
  private readonly counts = new Map<string, number>();
  private killsCounted = 0;
  private tears = 0;
  private realTears = 0;

  /** Records one kill that landed before the job's end. */
  add(phase: string): void {
    this.counts.set(phase, (this.counts.get(phase) ?? 0) + 1);
    this.killsCounted += 1;
  }

  /** Records a torn line written before a resume. */
  tore(): void {
    this.tears += 1;
  }

  /** Records a torn last line that a kill itself left. */
  realTear(): void {
    this.realTears += 1;
  }

  /** Torn last lines left by the kills themselves. */
  get tornByKills(): number {
    return this.realTears;
  }

  /** Kills that landed before the job's end. */
  get kills(): number {
    return this.killsCounted;
  }

  /** Kills recorded in `phase`. */
  count(phase: string): number {
    return this.counts.get(phase) ?? 0;
  }

  /** Torn lines recovered. */
  get torn(): number {
    return this.tears;
  }

  /** One line per phase, most frequent first. */
  lines(): string[] {
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([phase, count]) => `${String(count).padStart(4)}  ${phase}`);
  }
}
