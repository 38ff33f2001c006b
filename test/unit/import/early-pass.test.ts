// The first preview's pass made by the reading worker while it reads the file (session.ts
// `firstPreview`, preview-pass.ts): it must give exactly what a pass over the stored rows gives, be
// used only under exactly the choices it was made for, and never cost the user the file when it fails.
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyRows,
  EARLY_ROWS,
  localFileReading,
  sharedReadWorker,
  stopSharedReadWorker,
  type FileReading,
} from '../../../electron/engine/files/read/index.ts';
import {
  closeImport,
  getPreviewRows,
  openImport,
  previewImport,
  type ImportCatalog,
  type ImportChoices,
  type ImportSession,
  type OpenImportOptions,
} from '../../../electron/engine/import/index.ts';
import { demoCatalog } from './demo-catalog.ts';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/import');

let dir: string;
let catalog: ImportCatalog;
/** A file longer than the early rows: bad cells, duplicate names, owners, and a date column that is
 * empty in the early rows, so its settings are only detected from later rows. */
let messy: string;
const MESSY_ROWS = EARLY_ROWS * 2 + 345;

async function writeLines(file: string, lines: ReadonlyArray<string>): Promise<void> {
  const out = createWriteStream(file);
  out.write(lines.join('\r\n') + '\r\n');
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orgport-early-pass-'));
  catalog = await demoCatalog();
  const owner = catalog.users.find((u) => u.active_flag)?.email ?? '';
  messy = path.join(dir, 'messy.csv');
  const lines = ['Company,Owner email,Employees,Founded,Notes'];
  for (let i = 1; i <= MESSY_ROWS; i++) {
    const name = i % 97 === 0 ? '' : `Company ${i % 1500}`;
    const staff = i % 53 === 0 ? 'many' : String(i % 300);
    // Day-first dates only after the early rows: the early samples cannot tell the order.
    const founded = i > EARLY_ROWS + 10 ? `${(i % 28) + 1}/0${(i % 9) + 1}/2019` : '';
    lines.push(`${name},${i % 11 === 0 ? 'nobody@example.test' : owner},${staff},${founded},note ${i}`);
  }
  await writeLines(messy, lines);
});

afterAll(async () => {
  await stopSharedReadWorker();
  await rm(dir, { recursive: true, force: true });
});

/** Everything a preview shows: its figures and every row of the grid. */
async function everything(session: ImportSession, choices: ImportChoices): Promise<unknown> {
  const preview = await previewImport(session, choices);
  const rows = [];
  for (let offset = 0; offset < preview.rows; offset += 1000)
    rows.push(...(await getPreviewRows(session, offset, 1000)).rows);
  const problems = await getPreviewRows(session, 0, 1000, { problemsOnly: true });
  return { preview, rows, problems };
}

/** Opens `file` twice — with the early pass and without — and previews both under `choose`'s choices. */
async function compare(
  file: string,
  choose: (session: ImportSession) => ImportChoices,
  options: Partial<OpenImportOptions> = {},
): Promise<{ early: boolean; same: boolean }> {
  const plain = await openImport(file, { catalog, firstPreview: null, ...options });
  const fast = await openImport(file, {
    catalog,
    ...options,
    firstPreview: { choices: (proposal) => ({ ...choose(plain), mapping: proposal.mapping }) },
  });
  try {
    expect(plain.earlyPass).toBeNull();
    const early = fast.earlyPass !== null;
    const want = await everything(plain, choose(plain));
    const got = await everything(fast, choose(fast));
    expect(got).toEqual(want);
    expect(fast.earlyPass).toBeNull(); // used once
    return { early, same: true };
  } finally {
    await closeImport(plain);
    await closeImport(fast);
  }
}

const create = (s: ImportSession): ImportChoices => ({ mapping: s.proposedMapping, mode: 'create' });
const upsertByName = (s: ImportSession): ImportChoices => ({
  mapping: s.proposedMapping,
  mode: 'upsert',
  match: { kind: 'field', key: 'name' },
});

describe('the early pass', () => {
  it('gives exactly the full pass on every fixture that opens, in the worker and in this thread', async () => {
    const names = (await readdir(fixtures)).filter((n) => /\.(csv|tsv|txt|xlsx)$/.test(n));
    let used = 0;
    let opened = 0;
    for (const reader of [sharedReadWorker(), localFileReading] as FileReading[]) {
      for (const name of names) {
        const file = path.join(fixtures, name);
        const ok = await openImport(file, { catalog, firstPreview: null, reader }).then(
          async (s) => (await closeImport(s), true),
          () => false,
        );
        if (!ok) continue;
        opened += 1;
        for (const choose of [create, upsertByName]) {
          const { early } = await compare(file, choose, { reader });
          if (early) used += 1;
        }
      }
    }
    expect(opened).toBeGreaterThan(40);
    // Every fixture is shorter than the early rows, so its samples are the whole file's: always used.
    expect(used).toBe(opened * 2);
  });

  it('gives exactly the full pass on a long messy file, duplicates and bad cells included', async () => {
    expect(await compare(messy, create)).toEqual({ early: true, same: true });
    expect(await compare(messy, upsertByName)).toEqual({ early: true, same: true });
  });

  it('is used by a preview under the proposed mapping, and by no other', async () => {
    const session = await openImport(messy, { catalog });
    try {
      expect(session.earlyPass).not.toBeNull();
      const other = { ...create(session), emptyCells: 'clear' as const };
      const first = await previewImport(session, other);
      // Another choice: the early pass is dropped, and the preview made its own, correct pass.
      expect(session.earlyPass).toBeNull();
      const plain = await openImport(messy, { catalog, firstPreview: null });
      try {
        expect(first).toEqual(await previewImport(plain, other));
      } finally {
        await closeImport(plain);
      }
    } finally {
      await closeImport(session);
    }
  });

  it('is dropped when the catalog changes', async () => {
    const session = await openImport(messy, { catalog });
    try {
      session.updateCatalog({ ...catalog, users: [] });
      expect(session.earlyPass).toBeNull();
      const preview = await previewImport(session, create(session));
      expect(preview.columns.find((c) => c.column === 'Owner email')?.failed).toBeGreaterThan(0);
    } finally {
      await closeImport(session);
    }
  });

  it('loads what the choices need first, and the session keeps that catalog', async () => {
    const noUsers = { ...catalog, users: [] };
    let asked = 0;
    const session = await openImport(messy, {
      catalog: noUsers,
      firstPreview: {
        catalog: async (choices, known) => {
          asked += 1;
          expect(
            Object.values(choices.mapping).some((t) => t?.kind === 'field' && t.key === 'owner_id'),
          ).toBe(true);
          return { ...known, users: catalog.users };
        },
      },
    });
    try {
      expect(asked).toBe(1);
      expect(session.catalog.users).toEqual(catalog.users);
      expect(session.earlyPass).not.toBeNull();
      const preview = await previewImport(session, create(session));
      expect(session.earlyPass).toBeNull();
      expect(preview.cellErrors).toBeGreaterThan(0);
    } finally {
      await closeImport(session);
    }
  });

  it('costs nothing but itself when it fails: the file opens and the preview makes its own pass', async () => {
    for (const reader of [sharedReadWorker(), localFileReading] as FileReading[]) {
      const session = await openImport(messy, {
        catalog,
        reader,
        firstPreview: {
          catalog: () => Promise.reject(new Error('the users could not be loaded')),
        },
      });
      try {
        expect(session.earlyPass).toBeNull();
        expect(session.file.rows).toBe(MESSY_ROWS);
        const preview = await previewImport(session, create(session));
        expect(preview.rows).toBe(MESSY_ROWS);
      } finally {
        await closeImport(session);
      }
    }
  });

  it('asks after fewer rows for a very wide file, and copies the file whatever the sink does', async () => {
    const wide = path.join(dir, 'wide.csv');
    const width = 500;
    const header = Array.from({ length: width }, (_, c) => `Column ${c + 1}`).join(',');
    const row = (i: number): string => Array.from({ length: width }, (_, c) => `v${i}-${c}`).join(',');
    await writeLines(wide, [header, ...Array.from({ length: 1200 }, (_, i) => row(i + 1))]);
    const askedAt = async (file: string): Promise<number> => {
      let asked = -1;
      await copyRows(file, {
        storeFile: path.join(dir, 'asked.rows'),
        samplesPerColumn: 1000,
        onEarly: async (early) => ((asked = early.rows), null),
        makeSink: () => {
          throw new Error('never built: onEarly answered null');
        },
      });
      return asked;
    };
    // 200,000 cells: 400 rows of 500 columns (at the end of the batch that reaches them), not the
    // 2,000 rows a narrow file waits for.
    const wideAsked = await askedAt(wide);
    expect(wideAsked).toBeGreaterThanOrEqual(400);
    expect(wideAsked).toBeLessThan(600);
    const narrowAsked = await askedAt(messy);
    expect(narrowAsked).toBeGreaterThanOrEqual(EARLY_ROWS);
    expect(narrowAsked).toBeLessThan(EARLY_ROWS + 1000);

    const failing = (when: 'add' | 'finish') => ({
      add: () => {
        if (when === 'add') throw new Error('broken sink');
      },
      finish: () => {
        if (when === 'finish') throw new Error('broken sink');
        return { result: null, transfer: [] };
      },
    });
    for (const when of ['add', 'finish'] as const) {
      const copied = await copyRows(messy, {
        storeFile: path.join(dir, `broken-${when}.rows`),
        samplesPerColumn: 1000,
        onEarly: async () => ({}),
        makeSink: () => failing(when),
      });
      expect(copied.rows.count).toBe(MESSY_ROWS);
      expect(copied.sink).toBeUndefined();
    }
  });
});
