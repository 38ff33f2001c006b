import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization } from '../../../shared/model.ts';
import { previewDelete } from '../../../electron/engine/delete/preview.ts';
import { resolveSelection } from '../../../electron/engine/delete/selection.ts';
import { SelectionStore, selectionsDir } from '../../../electron/engine/delete/saved-selections.ts';
import { deletedIds, readReport, runDelete, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  // More than one page of 500, so "select all matching" has to go past the first page.
  h = await startHarness({ organizations: 1100 });
});
afterAll(() => h.close());

const ids = (orgs: ReadonlyArray<Organization>): number[] => orgs.map((o) => o.id).sort((a, b) => a - b);

describe('selection by filter', () => {
  it('"select all matching" pages through the whole list, not just the first page', async () => {
    const all = h.sandbox.control.organizations();
    const withLabel = all.filter((o) => o.label_ids.includes(3));
    expect(withLabel.some((o) => o.id > 500)).toBe(true);
    const selection = await resolveSelection(h.client, { labelId: 3 });
    expect(selection).toMatchObject({ ids: ids(withLabel), scanned: all.length, pages: 3 });
  });

  it('combines a saved filter with an owner (which Pipedrive would ignore next to filter_id)', async () => {
    // Filter 1 is "Has open deals" in the sandbox; the owner is checked on our side.
    const expectedAll = await resolveSelection(h.client, { filterId: 1 });
    const owner = h.sandbox.control.getOrganization(expectedAll.ids[0] ?? 0)?.owner_id ?? 0;
    const both = await resolveSelection(h.client, { filterId: 1, ownerId: owner });
    const ownersOf = both.ids.map((id) => h.sandbox.control.getOrganization(id)?.owner_id);
    expect(both.ids.length).toBeGreaterThan(0);
    expect(both.ids.length).toBeLessThan(expectedAll.ids.length);
    expect(new Set(ownersOf)).toEqual(new Set([owner]));
    expect(both.ids.every((id) => expectedAll.ids.includes(id))).toBe(true);
  });

  it('matches names, update times and any field value (an option field by its label)', async () => {
    const all = h.sandbox.control.organizations();
    const field = h.sandbox.control
      .fields()
      .find((f) => f.custom && f.type === 'enum' && (f.options?.length ?? 0) > 1);
    const option = field?.options?.[0];
    if (!field || !option) throw new Error('the sandbox has no custom option field');
    const byOption = all.filter((o) => o.custom_fields[field.key] === option.id);
    expect(byOption.length).toBeGreaterThan(0);
    const selected = await resolveSelection(h.client, {
      field: { key: field.key, value: option.label.toUpperCase() },
    });
    expect(selected.ids).toEqual(ids(byOption));

    const word = (all[7]?.name ?? '').split(/\s+/)[0]?.toLowerCase() ?? '';
    const byName = await resolveSelection(h.client, { nameContains: word });
    expect(byName.ids).toEqual(ids(all.filter((o) => o.name.toLowerCase().includes(word))));

    const since = [...all].sort((a, b) => (a.update_time < b.update_time ? 1 : -1))[50]?.update_time ?? '';
    const recent = await resolveSelection(h.client, { updatedSince: since, ownerId: 2 });
    expect(recent.ids).toEqual(ids(all.filter((o) => o.update_time >= since && o.owner_id === 2)));
  });

  it('deletes exactly the matching set and nothing else; the saved selection reloads', async () => {
    const before = h.sandbox.control.organizations({ includeDeleted: true });
    const selection = await resolveSelection(h.client, { filterId: 3, ownerId: 3 });
    expect(selection.ids.length).toBeGreaterThan(5);

    const store = new SelectionStore(selectionsDir(h.home));
    await store.save('Customers of user 3', selection.ids, { source: 'filter 3, owner 3' });
    const reloaded = await new SelectionStore(path.join(h.home, 'selections')).load('customers of user 3');
    expect(reloaded.ids).toEqual(selection.ids);

    const preview = await previewDelete(h.client, reloaded.ids);
    expect(preview.idsToDelete).toEqual(selection.ids);
    const summary = await runDelete(h, {
      ids: [...preview.idsToDelete],
      confirmedCount: preview.idsToDelete.length,
    });
    expect(summary).toMatchObject({
      state: 'done',
      counts: { deleted: selection.ids.length, notFound: 0, failed: 0 },
    });

    const after = h.sandbox.control.organizations({ includeDeleted: true });
    expect(deletedIds(h.sandbox)).toEqual(selection.ids);
    // Every other organization is exactly as it was.
    const untouched = (list: ReadonlyArray<Organization>): Organization[] =>
      list.filter((o) => !selection.ids.includes(o.id));
    expect(untouched(after)).toEqual(untouched(before));
    const report = await readReport(summary);
    expect(report.map((r) => Number(r.ID))).toEqual(selection.ids);
    expect(report.every((r) => r.Result === 'deleted')).toBe(true);
    expect(report.map((r) => r.Name)).toEqual(
      selection.ids.map((id) => before.find((o) => o.id === id)?.name),
    );
  });
});
