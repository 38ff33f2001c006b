import { fork } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  Journal,
  JournalCorruptError,
  isIntent,
  readJournal,
} from '../../../../electron/engine/jobs/core/journal.ts';

interface Row {
  i: number;
  outcome: 'created' | 'failed';
  id?: number;
  reason?: string;
}

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orgport-journal-'));
  file = path.join(dir, 'journal.jsonl');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('journal', () => {
  it('appends lines and reads them back in order, item key first', async () => {
    const journal = await Journal.open<Row>(file);
    expect(journal.existing.lines).toEqual([]);
    await journal.append({ outcome: 'created', id: 101, i: 0 } as Row);
    await journal.append({ i: 1, outcome: 'failed', reason: 'Name is empty\nsecond line' });
    await journal.close();

    const text = await readFile(file, 'utf8');
    expect(text.split('\n')).toHaveLength(3); // two lines and the final newline
    expect(text.startsWith('{"i":0,')).toBe(true);
    const read = await readJournal<Row>(file);
    expect(read.lines).toEqual([
      { i: 0, outcome: 'created', id: 101 },
      { i: 1, outcome: 'failed', reason: 'Name is empty\nsecond line' },
    ]);
    expect(read.outcomes.get(1)).toMatchObject({ outcome: 'failed' });
    expect(read.torn).toBeNull();
  });

  it('keeps the order of many appends made without waiting', async () => {
    const journal = await Journal.open<Row>(file, { syncEvery: 7 });
    await Promise.all(Array.from({ length: 500 }, (_, i) => journal.append({ i, outcome: 'created' })));
    await journal.close();
    const read = await readJournal<Row>(file);
    expect(read.lines.map((line) => line.i)).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });

  it('reads a missing file as empty', async () => {
    const read = await readJournal<Row>(path.join(dir, 'none.jsonl'));
    expect(read.lines).toEqual([]);
    expect(read.torn).toBeNull();
  });

  it('tracks intents that have no outcome yet', async () => {
    const at = new Date('2026-11-28T11:17:06Z');
    const journal = await Journal.open<Row>(file, { now: () => at });
    await journal.intent(1, 'create');
    await journal.append({ i: 1, outcome: 'created', id: 7 });
    await journal.intent(2, 'create', { name: 'Acme' });
    await journal.close();

    const read = await readJournal<Row>(file);
    expect([...read.outcomes.keys()]).toEqual([1]);
    expect([...read.openIntents.values()]).toEqual([
      { i: 2, intent: 'create', at: at.toISOString(), data: { name: 'Acme' } },
    ]);
    expect(read.lines.filter(isIntent)).toHaveLength(2);
  });

  it('an intent is on disk by the time intent() resolves', async () => {
    const journal = await Journal.open<Row>(file, { syncEvery: 1000, syncIntervalMs: 60_000 });
    await journal.intent('org-5', 'create');
    const read = await readJournal<Row>(file);
    expect(read.openIntents.has('org-5')).toBe(true);
    await journal.close();
  });

  it('recovers a torn last line: reports it, and cuts it off when opened for appending', async () => {
    const good = '{"i":0,"outcome":"created"}\n{"i":1,"outcome":"created"}\n';
    await writeFile(file, good + '{"i":2,"outc');

    const read = await readJournal<Row>(file);
    expect(read.lines.map((line) => line.i)).toEqual([0, 1]);
    expect(read.torn).toEqual({ line: 3, bytes: '{"i":2,"outc'.length });
    expect((await stat(file)).size).toBe(Buffer.byteLength(good) + 12); // reading alone changes nothing

    const journal = await Journal.open<Row>(file);
    expect(journal.existing.torn).toEqual({ line: 3, bytes: 12 });
    expect((await stat(file)).size).toBe(Buffer.byteLength(good));
    await journal.append({ i: 2, outcome: 'created' });
    await journal.close();
    const after = await readJournal<Row>(file);
    expect(after.lines.map((line) => line.i)).toEqual([0, 1, 2]);
    expect(after.torn).toBeNull();
  });

  it('treats a garbage tail (zeros left by a power loss) as torn', async () => {
    await writeFile(file, Buffer.concat([Buffer.from('{"i":0,"outcome":"created"}\n'), Buffer.alloc(64)]));
    const read = await readJournal<Row>(file, { repair: true });
    expect(read.lines).toHaveLength(1);
    expect(read.torn).toEqual({ line: 2, bytes: 64 });
  });

  it('keeps a complete last line that only lacks its newline, and adds the newline on repair', async () => {
    await writeFile(file, '{"i":0,"outcome":"created"}\n{"i":1,"outcome":"created"}');
    const journal = await Journal.open<Row>(file);
    expect(journal.existing.lines).toHaveLength(2);
    expect(journal.existing.torn).toBeNull();
    await journal.append({ i: 2, outcome: 'failed' });
    await journal.close();
    expect((await readJournal<Row>(file)).lines.map((line) => line.i)).toEqual([0, 1, 2]);
  });

  it('rejects a corrupt line in the middle, naming the file and the line', async () => {
    await writeFile(file, '{"i":0,"outcome":"created"}\n{"i":1,"outc\n{"i":2,"outcome":"created"}\n');
    const error = await readJournal<Row>(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalCorruptError);
    expect((error as JournalCorruptError).line).toBe(2);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain('line 2');
    await expect(Journal.open<Row>(file)).rejects.toBeInstanceOf(JournalCorruptError);
  });

  it('rejects a middle line that is JSON but not a journal line', async () => {
    await writeFile(file, '{"i":0,"outcome":"created"}\n{"hello":1}\n{"i":2,"outcome":"created"}\n');
    await expect(readJournal<Row>(file)).rejects.toThrow(/line 2 \(no item key "i"\)/);
  });

  it('refuses appends after close', async () => {
    const journal = await Journal.open<Row>(file);
    await journal.close();
    await expect(journal.append({ i: 0, outcome: 'created' })).rejects.toThrow(/closed/);
  });
});

describe('journal crash safety', () => {
  const writer = fileURLToPath(new URL('./fixtures/journal-writer.ts', import.meta.url));

  async function appendUntilKilled(target: string): Promise<void> {
    const child = fork(writer, [target], { execArgv: ['--import', 'tsx'], stdio: 'pipe' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
    });
    // A random moment while it is appending as fast as it can.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 150));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
  }

  it('reads back whole and in order after the writer is killed with SIGKILL, again and again', async () => {
    let total = 0;
    for (let round = 0; round < 4; round += 1) {
      await appendUntilKilled(file);
      // What a resume does: open (repairing a torn tail), then check every line is there in order.
      const journal = await Journal.open<{ i: number; outcome: string }>(file);
      const keys = journal.existing.lines.map((line) => line.i);
      await journal.close();
      expect(keys.length).toBeGreaterThan(total);
      expect(keys).toEqual(Array.from({ length: keys.length }, (_, i) => i));
      total = keys.length;
    }
  });
});
