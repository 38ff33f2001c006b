import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJournal } from '../../../electron/engine/jobs/core/journal.ts';
import { DeleteLedger, type DeleteOutcome } from '../../../electron/engine/jobs/delete/delete-ledger.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'orgport-ledger-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const at = '2026-11-28T10:00:00.000Z';

describe('DeleteLedger', () => {
  it('rebuilds outcomes, the backup and the groups a killed run left open from the journal', async () => {
    const lines = [
      { i: 4, outcome: 'not-found', reason: 'does not exist or is already deleted', name: null },
      { i: 'backup', outcome: 'written', path: '/x/backup.xlsx', rows: 5 },
      { i: 'group:0', intent: 'delete', at, data: { ids: [1, 2], names: ['A', 'B'] } },
      { i: 1, outcome: 'deleted', via: 'v1', name: 'A' },
      { i: 2, outcome: 'deleted', via: 'v1', name: 'B' },
      { i: 'group:0', outcome: 'closed' },
      { i: 'group:1', intent: 'delete', at, data: { ids: [3, 5, 6], names: ['C', null, 'F'] } },
      { i: 3, outcome: 'deleted', via: 'v2', name: 'C' },
    ];
    const file = path.join(dir, 'journal.jsonl');
    await writeFile(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const contents = await readJournal<DeleteOutcome>(file);
    const ledger = new DeleteLedger(
      { ids: [1, 2, 3, 4, 5, 6, 7], excluded: [{ id: 99, status: 'skip-open-deals' }] },
      contents,
    );
    expect(ledger.backup).toMatchObject({ path: '/x/backup.xlsx', rows: 5 });
    expect(ledger.pending()).toEqual([5, 6, 7]);
    expect([...ledger.openGroups.keys()]).toEqual(['group:1']);
    expect(ledger.openGroupIds()).toEqual(new Set([3, 5, 6]));
    expect(ledger.openGroupNames().get(6)).toBe('F');
    expect(ledger.nextGroup).toBe(2);
    expect(ledger.counts()).toEqual({ deleted: 3, notFound: 1, skipped: 1, failed: 0 });
    expect([ledger.resolved(), ledger.total()]).toEqual([4, 7]);
    expect(ledger.pathTaken()).toMatch(/^v1 bulk delete, then v2 per-organization deletes/);
  });

  it('starts empty for a first run', () => {
    const ledger = new DeleteLedger({ ids: [1, 2], excluded: [] });
    expect(ledger.pending()).toEqual([1, 2]);
    expect(ledger.backup).toBeNull();
    expect(ledger.nextGroup).toBe(0);
    expect(ledger.pathTaken()).toMatch(/^none/);
  });
});
