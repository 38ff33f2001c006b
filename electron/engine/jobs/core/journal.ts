/**
 * The append-only journal of a job: one JSON line per item outcome (`{"i":12,"outcome":"created",…}`),
 * so a job interrupted by a crash, a quit or an exhausted budget resumes exactly where it stopped.
 *
 * Durability trade-off. Every `append` hands its line to the operating system before it resolves, so
 * a killed *process* (kill -9, a crash) loses nothing that was appended. Lines are `fdatasync`ed in
 * small batches (every `syncEvery` lines or `syncIntervalMs`, whichever comes first), so a crash of
 * the *machine* (power loss, kernel panic) can lose the last unsynced lines, or tear the last one. The
 * jobs are therefore written so that re-doing an item whose outcome is missing is safe: updates and
 * deletes are idempotent, and a non-idempotent request is announced first with an *intent* line that
 * is synced before the request goes out (`intent()`).
 *
 * How the import uses intents. Before sending the create for row 12 it awaits
 * `journal.intent(12, 'create')`; after the response it appends `{ i: 12, outcome: 'created', id }`.
 * On resume, `existing.outcomes` holds the rows that are done (skip them) and `existing.openIntents`
 * the rows whose create may or may not have landed (an intent with no outcome after it). For those the
 * job looks in the organization index it builds on resume (by name or match key) and adopts the
 * organization if it is there, and only re-sends the create if it is not. Concurrent `intent()` calls
 * share one sync (group commit), so announcing every create costs little next to the request itself.
 *
 * Reading back. A torn last line (the process or the machine died mid-write) is recovered: it is
 * dropped, reported in `torn`, and — when opened for appending — cut off the file so new lines start
 * clean. A line that does not parse anywhere *else* means the file was damaged, and reading fails
 * with an error naming the file and line rather than guessing.
 */
import { mkdir, open, readFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** What identifies an item in a journal: a row index, an organization ID, a page cursor… */
export type JournalKey = number | string;

/** The least an outcome line carries; jobs extend it with their own fields. */
export interface OutcomeLine {
  readonly i: JournalKey;
  readonly outcome: unknown;
}

/** A line written before a non-idempotent request: "item `i` may be about to change remotely". */
export interface IntentLine {
  readonly i: JournalKey;
  readonly intent: string;
  /** ISO date-time. */
  readonly at: string;
  readonly data?: unknown;
}

/** Any line of a journal whose outcome lines have type `T`. */
export type JournalLine<T extends OutcomeLine> = T | IntentLine;

/** A last line that was cut short and dropped. */
export interface TornLine {
  /** 1-based line number. */
  readonly line: number;
  /** How many bytes were dropped. */
  readonly bytes: number;
}

/** What a journal holds. */
export interface JournalContents<T extends OutcomeLine> {
  readonly path: string;
  /** Every line, in file order. */
  readonly lines: ReadonlyArray<JournalLine<T>>;
  /** The last outcome recorded for each item. */
  readonly outcomes: ReadonlyMap<JournalKey, T>;
  /** Intents with no outcome after them: the request may or may not have been applied. */
  readonly openIntents: ReadonlyMap<JournalKey, IntentLine>;
  /** The torn last line that was dropped, or null when the file ended cleanly. */
  readonly torn: TornLine | null;
}

/** A journal line that does not parse, somewhere other than at the end of the file. */
export class JournalCorruptError extends Error {
  override readonly name = 'JournalCorruptError';
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`The job journal ${file} is damaged at line ${line} (${reason}); it cannot be resumed safely.`);
  }
}

/** Tuning for when lines are synced to disk. */
export interface JournalOptions {
  /** Sync after this many unsynced lines. Default 32. */
  readonly syncEvery?: number;
  /** Sync unsynced lines after this long at most. Default 250 ms. */
  readonly syncIntervalMs?: number;
  /** Clock for intent timestamps. */
  readonly now?: () => Date;
}

/**
 * Reads a journal. A missing file reads as empty. With `repair`, a torn last line is also cut off the
 * file (and a last line lacking only its newline gets one), so appending can continue safely.
 */
export async function readJournal<T extends OutcomeLine>(
  file: string,
  options: { readonly repair?: boolean } = {},
): Promise<JournalContents<T>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if (isNotFound(error)) return collect<T>(file, [], null);
    throw error;
  }
  const { lines, torn, goodLength, missingNewline } = parseLines(file, bytes);
  if (options.repair && (torn || missingNewline)) await repairTail(file, goodLength, missingNewline);
  return collect<T>(file, lines, torn);
}

/** An open journal that lines are appended to. */
export class Journal<T extends OutcomeLine> {
  private readonly syncEvery: number;
  private readonly syncIntervalMs: number;
  private readonly now: () => Date;
  private buffered: string[] = [];
  private unsynced = 0;
  // Every write and sync runs on this chain, so lines reach the file in the order they were appended.
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  private constructor(
    private readonly handle: FileHandle,
    /** What the file held when it was opened (torn tail already repaired). */
    readonly existing: JournalContents<T>,
    options: JournalOptions,
  ) {
    this.syncEvery = Math.max(1, options.syncEvery ?? 32);
    this.syncIntervalMs = options.syncIntervalMs ?? 250;
    this.now = options.now ?? (() => new Date());
  }

  /** Opens (creating if needed) a journal for appending, after reading and repairing what it holds. */
  static async open<T extends OutcomeLine>(file: string, options: JournalOptions = {}): Promise<Journal<T>> {
    await mkdir(path.dirname(file), { recursive: true });
    const existing = await readJournal<T>(file, { repair: true });
    const handle = await open(file, 'a');
    return new Journal<T>(handle, existing, options);
  }

  /** The file this journal writes. */
  get path(): string {
    return this.existing.path;
  }

  /** Appends an outcome line; resolves once the line is with the OS (safe from a process crash). */
  append(entry: T): Promise<void> {
    // `i` first keeps the file readable by eye; the rest stays in the caller's order.
    const { i, ...rest } = entry;
    return this.push(JSON.stringify({ i, ...rest }));
  }

  /**
   * Records that item `i` is about to get a non-idempotent request (e.g. `'create'`), and resolves only
   * once that line is synced to disk, so a resumed job knows the request may have been applied.
   */
  async intent(i: JournalKey, intent: string, data?: unknown): Promise<void> {
    const line: IntentLine = {
      i,
      intent,
      at: this.now().toISOString(),
      ...(data === undefined ? {} : { data }),
    };
    await this.push(JSON.stringify(line));
    await this.flush();
  }

  /** Writes and syncs every line appended so far. */
  flush(): Promise<void> {
    return this.enqueue(async () => {
      await this.writeBuffered();
      await this.sync();
    });
  }

  /** Flushes and closes the file; further appends fail. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.enqueue(async () => {
        await this.writeBuffered();
        await this.sync();
      });
    } finally {
      clearTimeout(this.timer);
      await this.handle.close();
    }
  }

  private push(line: string): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`The journal ${this.path} is closed.`));
    this.buffered.push(line + '\n');
    return this.enqueue(() => this.writeBuffered());
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const run = this.chain.then(() => {
      // After a failed write the file may lack lines that callers were told are written; refuse
      // everything after it so the job stops instead of journaling around a hole.
      if (this.failure !== undefined) throw this.failure;
      return step();
    });
    this.chain = run.catch((error: unknown) => {
      this.failure ??= error;
    });
    return run;
  }

  // Lines appended while a write is in flight are written together by the next step: one write call
  // for a burst of outcomes.
  private async writeBuffered(): Promise<void> {
    if (this.buffered.length === 0) return;
    const data = this.buffered.join('');
    const count = this.buffered.length;
    this.buffered = [];
    await this.handle.appendFile(data, 'utf8');
    this.unsynced += count;
    if (this.unsynced >= this.syncEvery) await this.sync();
    else this.armSyncTimer();
  }

  private async sync(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.unsynced === 0) return;
    await this.handle.datasync();
    this.unsynced = 0;
  }

  private armSyncTimer(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A failure here is recorded by enqueue and surfaces on the next append or flush.
      this.enqueue(() => this.sync()).catch(() => undefined);
    }, this.syncIntervalMs);
    this.timer.unref();
  }
}

interface Parsed {
  readonly lines: unknown[];
  readonly torn: TornLine | null;
  /** Bytes up to and including the last good line. */
  readonly goodLength: number;
  /** The last good line lacks only its newline. */
  readonly missingNewline: boolean;
}

function parseLines(file: string, bytes: Buffer): Parsed {
  const lines: unknown[] = [];
  let start = 0;
  let lineNo = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    lineNo += 1;
    const text = bytes.toString('utf8', start, end);
    const next = newline === -1 ? bytes.length : newline + 1;
    const problem = lineProblem(text);
    if (problem === undefined) {
      lines.push(JSON.parse(text));
    } else if (next >= bytes.length) {
      // Only the last line may be broken: that is what a write cut short looks like.
      return {
        lines,
        torn: { line: lineNo, bytes: bytes.length - start },
        goodLength: start,
        missingNewline: false,
      };
    } else {
      throw new JournalCorruptError(file, lineNo, problem);
    }
    if (newline === -1) return { lines, torn: null, goodLength: bytes.length, missingNewline: true };
    start = next;
  }
  return { lines, torn: null, goodLength: bytes.length, missingNewline: false };
}

function lineProblem(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not valid JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  if (!('i' in value) || (typeof value.i !== 'number' && typeof value.i !== 'string')) {
    return 'no item key "i"';
  }
  if ('intent' in value ? typeof value.intent !== 'string' : !('outcome' in value)) {
    return 'neither an outcome nor an intent';
  }
  return undefined;
}

async function repairTail(file: string, goodLength: number, missingNewline: boolean): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.truncate(goodLength);
    if (missingNewline) await handle.write('\n', goodLength, 'utf8');
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

function collect<T extends OutcomeLine>(
  file: string,
  raw: ReadonlyArray<unknown>,
  torn: TornLine | null,
): JournalContents<T> {
  // lineProblem has checked each line's shape; the job-specific fields are the job's to trust,
  // since only the job writes them.
  const lines = raw as ReadonlyArray<JournalLine<T>>;
  const outcomes = new Map<JournalKey, T>();
  const openIntents = new Map<JournalKey, IntentLine>();
  for (const line of lines) {
    if (isIntent(line)) {
      openIntents.set(line.i, line);
    } else {
      outcomes.set(line.i, line);
      openIntents.delete(line.i);
    }
  }
  return { path: file, lines, outcomes, openIntents, torn };
}

/** True for an intent line (as opposed to an outcome line). */
export function isIntent<T extends OutcomeLine>(line: JournalLine<T>): line is IntentLine {
  return 'intent' in line && typeof line.intent === 'string' && !('outcome' in line);
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
