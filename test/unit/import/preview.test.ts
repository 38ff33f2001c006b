import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Organization } from '../../../shared/model.ts';
import {
  buildImportSpec,
  closeImport,
  editCell,
  getPreviewRows,
  MappingMemoryStore,
  openImport,
  OrgIndex,
  previewImport,
  type ImportCatalog,
  type ImportSession,
} from '../../../electron/engine/import/index.ts';
import { demoCatalog } from './demo-catalog.ts';

let dir: string;
let catalog: ImportCatalog;
const sessions: ImportSession[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orgport-preview-test-'));
  catalog = await demoCatalog();
});
afterEach(async () => {
  for (const s of sessions.splice(0)) await closeImport(s);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function csv(name: string, lines: string[]): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, lines.join('\r\n') + '\r\n', 'utf8');
  return file;
}

async function open(
  file: string,
  options: Parameters<typeof openImport>[1] = { catalog },
): Promise<ImportSession> {
  const session = await openImport(file, options);
  sessions.push(session);
  return session;
}

const CSV = [
  'Company,Owner email,Employees,Row,Reason',
  'Acme,alex.morgan@orgport-sandbox.example,10,2,old reason',
  'Beta,nobody@example.com,20,3,old reason',
  ',alex.morgan@orgport-sandbox.example,lots,4,old reason',
  'Gamma,,30,5,',
];

describe('opening a file for import', () => {
  it('summarises it, proposes a mapping and never maps the columns of our own failed report', async () => {
    const session = await open(await csv('report.csv', CSV));
    expect(session.file).toMatchObject({
      format: 'csv',
      rows: 4,
      headers: ['Company', 'Owner email', 'Employees', 'Row', 'Reason'],
    });
    expect(session.file.reportColumns).toEqual(['Row', 'Reason']);
    const mapping = session.proposedMapping;
    expect(mapping['Company']).toEqual({ kind: 'field', key: 'name' });
    expect(mapping['Owner email']).toEqual({ kind: 'field', key: 'owner_id' });
    expect(mapping['Employees']).toEqual({ kind: 'field', key: 'employee_count' });
    expect(mapping['Row']).toBeNull();
    expect(mapping['Reason']).toBeNull();
  });

  it('offers the mapping used last time for a file with the same headers', async () => {
    const memory = await MappingMemoryStore.open(path.join(dir, 'profiles'));
    await memory.remember(['Firma', 'Notiz'], { Firma: 'name', Notiz: null });
    const reopened = await MappingMemoryStore.open(path.join(dir, 'profiles'));
    const session = await open(await csv('memory.csv', ['Notiz,Firma', 'x,Acme']), {
      catalog,
      memory: reopened,
    });
    expect(session.previousMapping).toEqual({ Firma: 'name', Notiz: null });
    expect(session.autoMapping.map((m) => [m.column, m.method])).toEqual([
      ['Notiz', 'previous'],
      ['Firma', 'previous'],
    ]);
  });
});

describe('the preview', () => {
  it('counts per column, lists problem rows in pages, and lets a bad cell be fixed in place', async () => {
    const session = await open(await csv('create.csv', CSV));
    const preview = await previewImport(session, { mapping: session.proposedMapping, mode: 'create' });
    expect(preview.ready).toBe(true);
    expect(preview.outcomes.create).toBe(2);
    expect(preview.problemRows).toBe(2);
    const employees = preview.columns.find((c) => c.column === 'Employees');
    expect(employees).toMatchObject({ type: 'int', converted: 3, failed: 1, empty: 0 });
    expect(preview.columns.find((c) => c.column === 'Reason')).toMatchObject({ target: null, converted: 0 });
    expect(preview.cost).toMatchObject({ writes: 10, users: 20, total: 40 });

    const page = await getPreviewRows(session, 0, 10, { problemsOnly: true });
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.rowNumber)).toEqual([3, 4]);
    expect(page.rows[0]?.errors[0]).toMatchObject({ column: 'Owner email', value: 'nobody@example.com' });
    expect(page.rows[1]?.reason).toMatch(/Column "Employees"/);

    const fixed = await editCell(session, 3, 'Owner email', 'maria.mueller@orgport-sandbox.example');
    expect(fixed.row).toMatchObject({ outcome: 'create', edited: ['Owner email'], errors: [] });
    expect(fixed.preview).toMatchObject({ problemRows: 1, edits: 1, outcomes: { create: 3 } });
    expect(
      (await getPreviewRows(session, 0, 10, { problemsOnly: true })).rows.map((r) => r.rowNumber),
    ).toEqual([4]);

    const reverted = await editCell(session, 3, 'Owner email', null);
    expect(reverted.row.edited).toEqual([]);
    expect(reverted.preview?.problemRows).toBe(2);

    const all = await getPreviewRows(session, 1, 2);
    expect(all).toMatchObject({ total: 4, offset: 1 });
    expect(all.rows.map((r) => r.cells[0])).toEqual(['Beta', null]);
  });

  it('plans against the organizations and re-plans duplicates when an edit changes a match key', async () => {
    const session = await open(
      await csv('upsert.csv', ['Company,Employees', 'Acme,10', 'acme ,11', 'New,1', 'Twin,2']),
    );
    const index = new OrgIndex({ kind: 'field', key: 'name' }, catalog.fields);
    const org = (id: number, name: string): Organization => ({
      id,
      name,
      owner_id: 1,
      add_time: '2024-01-01T00:00:00Z',
      update_time: '2024-01-01T00:00:00Z',
      is_deleted: false,
      visible_to: 3,
      label_ids: [],
      address: null,
      custom_fields: {},
      employee_count: 10,
    });
    index.add(org(1, 'Acme'));
    index.add(org(2, 'Twin'));
    index.add(org(3, 'twin'));
    index.pages = 1;
    const choices = {
      mapping: session.proposedMapping,
      mode: 'upsert' as const,
      match: { kind: 'field' as const, key: 'name' },
    };
    const preview = await previewImport(session, choices, { index });
    expect(preview.outcomes).toMatchObject({ duplicate: 2, create: 1, ambiguous: 1 });
    expect(preview.cost.index).toBe(10);

    const edited = await editCell(session, 3, 'Company', 'Acme Two');
    expect(edited.preview?.outcomes).toMatchObject({ duplicate: 0, unchanged: 1, create: 2, ambiguous: 1 });
    const rows = await getPreviewRows(session, 0, 4);
    expect(rows.rows.map((r) => r.outcome)).toEqual(['unchanged', 'create', 'create', 'ambiguous']);
    expect(rows.rows[3]?.candidates).toEqual([2, 3]);
  });

  it('explains choices that cannot work, and refuses to make a job of them', async () => {
    const session = await open(await csv('bad.csv', ['Company,Name,Employees', 'Acme,Acme,1']));
    const preview = await previewImport(session, {
      mapping: { Company: { kind: 'field', key: 'name' }, Name: { kind: 'field', key: 'name' } },
      mode: 'update',
    });
    expect(preview.ready).toBe(false);
    expect(preview.issues.map((i) => i.message).join('\n')).toMatch(/both mapped to Name[\s\S]*matched by/);
    await expect(
      buildImportSpec(session, {
        mapping: { Employees: { kind: 'field', key: 'employee_count' } },
        mode: 'create',
      }),
    ).rejects.toThrow(/Map a column to Name/);
  });

  it('makes a job spec that pins how the file was read and carries the cell edits', async () => {
    const session = await open(await csv('spec.csv', CSV));
    const choices = { mapping: session.proposedMapping, mode: 'create' as const };
    await previewImport(session, choices);
    await editCell(session, 4, 'Company', 'Delta');
    const spec = await buildImportSpec(session, choices);
    expect(spec).toMatchObject({
      mode: 'create',
      match: null,
      emptyCells: 'skip',
      read: { headerRow: 1, delimiter: ',' },
      mapping: {
        Company: 'name',
        'Owner email': 'owner_id',
        Employees: 'employee_count',
        Row: null,
        Reason: null,
      },
      edits: [{ row: 4, column: 'Company', text: 'Delta' }],
    });
    expect(spec.fileHash).toMatch(/^[0-9a-f]{64}$/);
    expect(spec.columnSettings['Employees']).toMatchObject({ decimalSeparator: '.' });
  });
});

describe('a preview of 100,000 rows', () => {
  it('keeps rows on disk and a few bytes per row in memory', async () => {
    const lines = ['Company,Owner,Employees,City'];
    for (let i = 1; i <= 100_000; i++) {
      lines.push(
        `Company ${i},${i % 10 === 0 ? 'ghost@example.com' : 'alex.morgan@orgport-sandbox.example'},${i},Berlin`,
      );
    }
    const file = await csv('big.csv', lines);
    lines.length = 0;
    // A real garbage collection before each measurement, so only what is kept counts.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    const session = await open(file);
    const preview = await previewImport(session, { mapping: session.proposedMapping, mode: 'create' });
    expect(preview.rows).toBe(100_000);
    expect(preview.outcomes.create).toBe(90_000);
    expect(preview.problemRows).toBe(10_000);
    const page = await getPreviewRows(session, 9_990, 20, { problemsOnly: true });
    expect(page.rows.map((r) => r.rowNumber)).toEqual(
      Array.from({ length: 10 }, (_, k) => (9_991 + k) * 10 + 1),
    );
    const last = await getPreviewRows(session, 99_999, 5);
    expect(last.rows.map((r) => r.cells[0])).toEqual(['Company 100000']);
    // Holding these rows' cells in memory would take about 25 MB; the preview keeps ~2 bytes a row.
    gc();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(8 * 1024 * 1024);
  });
});
