/**
 * The Organizations browser's and the delete screen's engine calls, through the same dispatch both
 * transports use (zod at the edge), against a sandbox of their own: browsing sessions page, filter,
 * sort and select exactly what `resolveSelection` would; ID sources, the preview and saved selections.
 * (Not a browser test: it lives here with the browser tests of the same screens.)
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvokeArgs, InvokeChannel, InvokeHandlers, InvokeReturn } from '../../../shared/ipc.ts';
import {
  createAppCore,
  dispatchInvoke,
  MemorySecretStore,
  type AppCore,
} from '../../../electron/engine/app/index.ts';
import { resolveSelection } from '../../../electron/engine/delete/index.ts';
import { PipedriveClient } from '../../../electron/engine/pipedrive/index.ts';
import { startSandbox, type RunningSandbox } from '../../../electron/engine/sandbox/index.ts';

const ORGANIZATIONS = 3_000;

let sandbox: RunningSandbox;
let root: string;
let core: AppCore;
let handlers: InvokeHandlers;

async function call<C extends InvokeChannel>(channel: C, args?: InvokeArgs<C>): Promise<InvokeReturn<C>> {
  const result = await dispatchInvoke(handlers, channel, args);
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value as InvokeReturn<C>;
}

async function failure(channel: InvokeChannel, args: unknown): Promise<{ kind: string; message: string }> {
  const result = await dispatchInvoke(handlers, channel, args);
  if (result.ok) throw new Error(`${channel} should have failed`);
  return result.error;
}

/** Reads every page of a session and returns its IDs in display order. */
async function allIds(sessionId: string): Promise<ReadonlyArray<number>> {
  for (let i = 0; i < 100; i += 1) {
    if ((await call('browse/advance', { sessionId })).complete) break;
  }
  return call('browse/ids', { sessionId });
}

beforeAll(async () => {
  sandbox = await startSandbox({ host: '127.0.0.1', port: 0, organizations: ORGANIZATIONS, burst: 2000 });
  root = await mkdtemp(path.join(os.tmpdir(), 'orgport-delete-handlers-'));
  core = await createAppCore({
    dataDir: path.join(root, 'data'),
    secrets: new MemorySecretStore(),
    version: 'test',
    restoreLastConnection: false,
    startSandbox: async () => ({
      url: sandbox.url,
      dailyBudget: null,
      close: async () => undefined,
    }),
  });
  const refuse = async (): Promise<never> => {
    throw new Error('not used here');
  };
  handlers = core.handlers(
    {
      'file/open-dialog': refuse,
      'file/save-dialog': refuse,
      'shell/open-path': refuse,
      'shell/show-in-folder': refuse,
      'file/take-opened': refuse,
    },
    { saveMode: 'folder', saveFolder: root, canShowInFolder: false },
  );
  await call('connection/activate', { profileId: 'sandbox' });
});

afterAll(async () => {
  await core?.close();
  await sandbox?.close();
  await rm(root, { recursive: true, force: true });
});

describe('browsing sessions', () => {
  it('pages the list on demand and selects exactly what resolveSelection matches, filter by owner', async () => {
    const ownerId = 2;
    const opened = await call('browse/open', {
      criteria: { ownerId },
      sort: { key: 'id', direction: 'asc' },
      columns: ['name', 'owner_id', 'update_time'],
    });
    expect(opened.columns.map((c) => c.key)).toEqual(['id', 'name', 'owner_id', 'update_time']);
    expect(opened).toMatchObject({ loaded: 0, complete: false, sortNeedsAll: false });

    const first = await call('browse/rows', { sessionId: opened.sessionId, offset: 0, limit: 50 });
    expect(first.rows).toHaveLength(50);
    // Only as many pages as the window needed: the rest of the list is not read yet.
    expect(first.complete).toBe(false);
    const owner = sandbox.control.users().find((u) => u.id === ownerId);
    for (const row of first.rows) {
      expect(row.cells[0]).toBe(row.id);
      expect(row.cells[2]).toBe(owner?.name);
      expect(String(row.cells[3])).toMatch(/^\d{4}-\d\d-\d\dT/);
    }

    const ids = await allIds(opened.sessionId);
    const expected = sandbox.control
      .organizations()
      .filter((o) => o.owner_id === ownerId)
      .map((o) => o.id);
    expect([...ids]).toEqual(expected);
    const client = new PipedriveClient({ baseUrl: sandbox.url, auth: { kind: 'token', token: 'resolve' } });
    expect((await resolveSelection(client, { ownerId })).ids).toEqual(expected);

    // A range of rows, as shift-click asks for it.
    expect(await call('browse/ids', { sessionId: opened.sessionId, from: 3, to: 7 })).toEqual(
      expected.slice(3, 7),
    );
    await call('browse/close', { sessionId: opened.sessionId });
    expect((await failure('browse/rows', { sessionId: opened.sessionId, offset: 0, limit: 5 })).kind).toBe(
      'not_found',
    );
  });

  it('sorts by a column Pipedrive cannot sort by once every row is in, and re-sorts a full list for free', async () => {
    const byId = await call('browse/open', {
      criteria: { nameContains: 'a' },
      sort: { key: 'id', direction: 'asc' },
      columns: ['name'],
    });
    const matching = await allIds(byId.sessionId);
    const expected = sandbox.control
      .organizations()
      .filter((o) => o.name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().includes('a'));
    expect(matching).toHaveLength(expected.length);

    sandbox.control.clearRequestLog();
    const byName = await call('browse/open', {
      criteria: { nameContains: 'a' },
      sort: { key: 'name', direction: 'desc' },
      columns: ['name'],
      previousSessionId: byId.sessionId,
    });
    expect(byName).toMatchObject({ complete: true, sortNeedsAll: true, loaded: expected.length });
    const window = await call('browse/rows', { sessionId: byName.sessionId, offset: 0, limit: 200 });
    const names = window.rows.map((r) => String(r.cells[1]));
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    expect(names).toEqual([...names].sort((a, b) => collator.compare(b, a)));
    // The rows were reused: no organization was read again.
    expect(sandbox.control.requestLog.filter((r) => r.path.includes('/organizations'))).toEqual([]);
    // The old session was closed when the new one took over.
    expect((await failure('browse/ids', { sessionId: byId.sessionId })).kind).toBe('not_found');
  });

  it('holds back rows of a name sort until the list is complete', async () => {
    const opened = await call('browse/open', {
      criteria: {},
      sort: { key: 'name', direction: 'asc' },
      columns: ['name', 'label_ids'],
    });
    expect(opened.sortNeedsAll).toBe(true);
    const early = await call('browse/rows', { sessionId: opened.sessionId, offset: 0, limit: 100 });
    expect(early.rows).toEqual([]);
    expect(early.loaded).toBeGreaterThan(0);
    await allIds(opened.sessionId);
    const rows = await call('browse/rows', { sessionId: opened.sessionId, offset: 0, limit: 100 });
    expect(rows.rows).toHaveLength(100);
    expect(rows.complete).toBe(true);
    expect(rows.loaded).toBe(ORGANIZATIONS);
  });

  it('combines a saved filter with filters Pipedrive ignores next to it, as resolveSelection does', async () => {
    const criteria = { filterId: 3, ownerId: 2, updatedSince: '2023-01-01T00:00:00Z' };
    const opened = await call('browse/open', {
      criteria,
      sort: { key: 'id', direction: 'asc' },
      columns: [],
    });
    const ids = await allIds(opened.sessionId);
    const client = new PipedriveClient({ baseUrl: sandbox.url, auth: { kind: 'token', token: 'resolve' } });
    const resolved = (await resolveSelection(client, criteria)).ids;
    expect(resolved.length).toBeGreaterThan(0);
    expect([...ids]).toEqual(resolved);
    for (const id of ids) expect(sandbox.control.getOrganization(id)?.owner_id).toBe(2);
  });

  it('drops its sessions when the connection changes', async () => {
    const opened = await call('browse/open', {
      criteria: {},
      sort: { key: 'id', direction: 'asc' },
      columns: [],
    });
    await call('browse/rows', { sessionId: opened.sessionId, offset: 0, limit: 10 });
    await call('connection/activate', { profileId: 'sandbox' });
    const gone = await failure('browse/rows', { sessionId: opened.sessionId, offset: 0, limit: 10 });
    expect(gone).toMatchObject({ kind: 'not_found' });
    expect(gone.message).toContain('no longer open');
  });

  it('refuses malformed and unknown requests with a clear message', async () => {
    expect(await failure('browse/rows', { sessionId: 'x', offset: -1, limit: 10 })).toMatchObject({
      kind: 'invalid_request',
    });
    const unknownColumn = await failure('browse/open', {
      criteria: {},
      sort: { key: 'id', direction: 'asc' },
      columns: ['no_such_field'],
    });
    expect(unknownColumn).toMatchObject({ kind: 'invalid_request' });
    expect(unknownColumn.message).toContain('no_such_field');
  });
});

describe('ID sources, preview and saved selections', () => {
  it('reads pasted IDs, reporting what is not an ID', async () => {
    const parsed = await call('delete/parse-ids', { text: '12, 13\n#14 abc 12' });
    expect(parsed).toMatchObject({ ids: [12, 13, 14], duplicates: 1 });
    expect(parsed.junk).toEqual([expect.objectContaining({ token: 'abc', line: 2, column: 5 })]);
  });

  it('finds the ID column of a file and reads it', async () => {
    const file = path.join(root, 'ids.csv');
    await writeFile(file, 'Name,Organization ID\nAcme,5\nBeta,6\nGamma,oops\n');
    const info = await call('delete/inspect-file', { path: file });
    expect(info.suggested).toBe('Organization ID');
    expect(info.columns.map((c) => c.letter)).toEqual(['A', 'B']);
    expect(info.columns[1]?.samples).toEqual(['5', '6', 'oops']);
    const read = await call('delete/read-file', { path: file, column: 'B' });
    expect(read.ids).toEqual([5, 6]);
    expect(read.problems).toHaveLength(1);

    const bare = path.join(root, 'bare.csv');
    await writeFile(bare, '7\n8\n9\n');
    const bareInfo = await call('delete/inspect-file', { path: bare });
    expect(bareInfo.columns).toHaveLength(1);
    expect((await call('delete/read-file', { path: bare, column: 'A' })).ids).toEqual([7, 8, 9]);

    expect(await failure('delete/read-file', { path: path.join(root, 'missing.csv') })).toMatchObject({
      kind: 'invalid_request',
    });
  });

  it('previews exactly the IDs given, with the ones that do not exist marked', async () => {
    const [a, b] = sandbox.control.organizations();
    const preview = await call('delete/preview', {
      ids: [a?.id ?? 0, 999_999, b?.id ?? 0],
      skipOpenDeals: false,
    });
    expect(preview.rows.map((r) => [r.id, r.status])).toEqual([
      [a?.id, 'will-delete'],
      [999_999, 'not-found'],
      [b?.id, 'will-delete'],
    ]);
    expect(preview.idsToDelete).toEqual([a?.id, b?.id]);
    expect(preview.account.companyName).toBe(sandbox.control.currentUser().company_name);
    expect(preview.rows[0]?.peopleCount).not.toBeNull();
  });

  it('saves, lists, reloads and deletes a named selection', async () => {
    await call('selection/save', { name: 'Dead leads', ids: [3, 1, 2, 3], source: 'owner Maria' });
    expect(await call('selection/list')).toEqual([
      expect.objectContaining({ name: 'Dead leads', count: 3, source: 'owner Maria' }),
    ]);
    expect(await call('selection/load', { name: 'dead LEADS' })).toMatchObject({ ids: [3, 1, 2] });
    await call('selection/delete', { name: 'Dead leads' });
    expect(await failure('selection/load', { name: 'Dead leads' })).toMatchObject({ kind: 'not_found' });
    expect(await failure('selection/save', { name: ' ', ids: [1] })).toMatchObject({
      kind: 'invalid_request',
    });
  });
});
