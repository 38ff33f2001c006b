import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExportColumns, exportHeaderTargets } from '../../../shared/export/index.ts';
import type { Organization } from '../../../shared/model.ts';
import {
  assembleWrite,
  checkCreate,
  coerceCell,
  createCoerceContext,
  DEFAULT_COLUMN_SETTINGS,
  type AssembleInput,
} from '../../../shared/values/index.ts';
import { inspectFile, readRows } from '../../../electron/engine/files/read/index.ts';
import { previewDelete } from '../../../electron/engine/delete/preview.ts';
import { deletedIds, reportPath, runDelete, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ organizations: 80 });
});
afterAll(() => h.close());

// Everything a user can set on an organization: what a backup must bring back.
const WRITABLE = [
  'name',
  'owner_id',
  'visible_to',
  'label_ids',
  'address',
  'custom_fields',
  'website',
  'linkedin',
  'industry',
  'annual_revenue',
  'employee_count',
] as const;
// The export writes a time field's clock time, not its time zone (shared/export/columns.ts), so the
// zone is left out of the comparison; everything else must come back exactly.
const withoutZones = (value: unknown): unknown =>
  Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => {
      if (typeof v !== 'object' || v === null || !('timezone_id' in v)) return [k, v];
      const { timezone_id: _id, timezone_name: _name, ...rest } = v as Record<string, unknown>;
      return [k, rest];
    }),
  );
const writable = (org: Organization | null | undefined): Record<string, unknown> =>
  Object.fromEntries(
    WRITABLE.map((key) => [
      key,
      key === 'custom_fields' ? withoutZones(org?.custom_fields) : (org?.[key] ?? null),
    ]),
  );

describe('the backup', () => {
  it('holds exactly the deleted organizations with all their fields, and re-importing it restores them', async () => {
    // Owners must be active users (an import cannot give an organization to a deactivated one), and
    // no chosen organization may point at another deleted one through an organization field (a
    // restored organization gets a new ID, so such a link could not be restored as it was).
    const active = new Set(
      h.sandbox.control
        .users()
        .filter((u) => u.active_flag && !u.is_deleted)
        .map((u) => u.id),
    );
    const orgKeys = h.sandbox.control
      .fields()
      .filter((f) => f.custom && f.type === 'org')
      .map((f) => f.key);
    const links = (o: Organization): unknown[] => orgKeys.map((k) => o.custom_fields[k]);
    const before = new Map(h.sandbox.control.organizations().map((o) => [o.id, o]));
    const unlinked = [...before.values()].filter(
      (o) => active.has(o.owner_id) && links(o).every((v) => v == null),
    );
    const deleted = unlinked
      .filter((o) => o.id % 2 === 1)
      .map((o) => o.id)
      .slice(0, 7);
    const gone = unlinked.find((o) => !deleted.includes(o.id))?.id ?? 0;
    expect(deleted).toHaveLength(7);
    const wanted = [...deleted, gone];
    await h.client.deleteOrganization(gone); // already deleted: not deleted again, so not in the backup
    const preview = await previewDelete(h.client, [...wanted, 500_000]);
    const summary = await runDelete(h, {
      ids: [...preview.idsToDelete],
      confirmedCount: preview.idsToDelete.length,
    });
    expect(summary.state).toBe('done');
    expect(deletedIds(h.sandbox)).toEqual([gone, ...deleted].sort((a, b) => a - b));

    const backup = reportPath(summary, /Backup/);
    expect(path.dirname(backup)).toBe(path.join(h.home, 'jobs', summary.id, 'reports'));
    expect(path.basename(backup)).toBe(`backup-${summary.id}.xlsx`);
    const fields = await h.client.listOrganizationFields();
    const users = await h.client.listUsers();
    const info = await inspectFile(backup);
    expect(info.headers).toEqual(buildExportColumns(fields).map((c) => c.header));

    const targets = exportHeaderTargets(fields);
    const ctx = createCoerceContext({ fields, users, source: 'xlsx' });
    const rows: Array<{ id: number; body: Parameters<typeof h.client.createOrganization>[0] }> = [];
    for await (const row of readRows(backup)) {
      const values: AssembleInput[] = [];
      let id = 0;
      info.headers.forEach((header, i) => {
        const target = targets.get(header);
        if (!target) return;
        const result = coerceCell(row.cells[i] ?? null, target, ctx, DEFAULT_COLUMN_SETTINGS);
        if (result.kind === 'error') throw new Error(`row ${row.rowNumber}, "${header}": ${result.message}`);
        if (target.kind === 'id') id = result.kind === 'value' ? Number(result.value) : 0;
        values.push({ target, value: result.kind === 'value' ? result.value : null });
      });
      const { body, errors } = assembleWrite(values, fields, { emptyCells: 'skip' });
      expect(errors).toEqual([]);
      expect(checkCreate(body)).toBeNull();
      rows.push({ id, body });
    }
    expect(rows.map((r) => r.id)).toEqual(deleted);

    for (const { id, body } of rows) {
      const created = await h.client.createOrganization(body);
      expect(writable(h.sandbox.control.getOrganization(created.id))).toEqual(writable(before.get(id)));
    }
  });

  it('is written before the first delete; when it cannot be written, nothing is deleted', async () => {
    const before = deletedIds(h.sandbox);
    const summary = await runDelete(h, {
      ids: [70, 71],
      confirmedCount: 2,
      backupPath: path.join(h.home, 'no-such-folder', 'backup.xlsx'),
    });
    expect(summary.state).toBe('failed');
    expect(summary.error?.message).toMatch(
      /The backup could not be written to .*no-such-folder.*Nothing was deleted\./,
    );
    expect(deletedIds(h.sandbox)).toEqual(before);
    const deletes = h.sandbox.control.requestLog.filter(
      (e) => e.method === 'DELETE' && /\/(70|71)\b|ids=/.test(e.path),
    );
    expect(deletes.filter((e) => /70|71/.test(e.path))).toEqual([]);
  });
});
