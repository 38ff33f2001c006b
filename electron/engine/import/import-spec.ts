/**
 * The import job's spec: everything that decides what the job sends — the file (and a hash of it),
 * how it is read, the mapping, the column settings, mode, match key, empty cells, and the cells the
 * user fixed in the preview — so a job run later, or resumed in the other app, does exactly what was
 * previewed. It holds no credentials.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { formatTarget, parseTarget } from '../../../shared/mapping.ts';
import type { MappingTarget } from '../../../shared/mapping.ts';
import { cellText } from '../../../shared/values/text.ts';
import type { ImportChoices } from './choices.ts';
import { resolveChoices } from './choices.ts';
import type { ImportSession } from './session.ts';
import type { ColumnMap } from './types.ts';

const settingsSchema = z.strictObject({
  dateOrder: z.enum(['iso', 'dmy', 'mdy', 'serial', 'ambiguous']),
  decimalSeparator: z.enum(['.', ',']),
  thousandsSeparator: z.enum([',', '.', ' ', "'"]).nullable(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .nullable(),
});

/** The import spec schema (zod). */
export const importSpecSchema = z.strictObject({
  /** Absolute path of the file to import. */
  file: z.string().min(1),
  /** SHA-256 of the file when the job was made; a changed file is refused (rows would not line up). */
  fileHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  read: z.strictObject({
    sheet: z.union([z.string().min(1), z.number().int().min(0)]).optional(),
    headerRow: z.number().int().min(0).optional(),
    encoding: z.string().min(1).optional(),
    delimiter: z.string().length(1).optional(),
  }),
  /** Header → target text (`id`, a field key, `key.part`) or null. */
  mapping: z.record(z.string(), z.string().min(1).nullable()),
  /** Effective settings of every mapped column. */
  columnSettings: z.record(z.string(), settingsSchema),
  mode: z.enum(['create', 'update', 'upsert']),
  /** Target text rows are matched by (`id`, `name`, a field key); null in create mode. */
  match: z.string().min(1).nullable(),
  emptyCells: z.enum(['skip', 'clear']),
  updateUnchanged: z.boolean().optional(),
  defaultCurrency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .nullable()
    .optional(),
  /** Cells fixed in the preview: row number, header, the new text ('' = empty). */
  edits: z.array(z.strictObject({ row: z.number().int().min(1), column: z.string(), text: z.string() })),
});

/** A checked import spec. */
export type ImportSpec = z.infer<typeof importSpecSchema>;

/** One cell fixed in the preview. */
export type CellEdit = ImportSpec['edits'][number];

/** Checks an import spec, naming each wrong property. */
export function parseImportSpec(raw: unknown): ImportSpec {
  const result = importSpecSchema.safeParse(raw);
  if (result.success) {
    const match = result.data.match;
    if (result.data.mode !== 'create' && match === null) {
      throw new Error(`The import settings are not valid: ${result.data.mode} needs a match key`);
    }
    return result.data;
  }
  const problems = result.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return `${where}${issue.message}`;
  });
  throw new Error(`The import settings are not valid: ${problems.join('; ')}`);
}

/** The spec's mapping as targets. */
export function specMapping(spec: ImportSpec): ColumnMap {
  return Object.fromEntries(
    Object.entries(spec.mapping).map(([header, text]) => [header, text === null ? null : parseTarget(text)]),
  );
}

/** The spec's match key as a target. */
export function specMatch(spec: ImportSpec): MappingTarget | null {
  return spec.match === null ? null : parseTarget(spec.match);
}

/** SHA-256 of a file's content, hex. */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The cell edits of a session, in the spec's form. */
export function sessionEdits(session: ImportSession): CellEdit[] {
  const out: CellEdit[] = [];
  const indexes = [...session.editedColumns.keys()].sort((a, b) => a - b);
  for (const index of indexes) {
    const cells = session.edits.get(index) ?? [];
    const columns = [...(session.editedColumns.get(index) ?? [])].sort((a, b) => a - b);
    for (const c of columns) {
      const cell = cells[c] ?? null;
      out.push({
        row: session.spool.rowNumberAt(index),
        column: session.headers[c] ?? '',
        text: cell === null ? '' : cellText(cell),
      });
    }
  }
  return out;
}

/**
 * The spec of a job that imports what the session previews under `choices`: read exactly as the
 * session read (sheet and header row pinned), the effective column settings, and the cell edits.
 * Throws when the choices have errors (the preview's `issues` say which).
 */
export async function buildImportSpec(session: ImportSession, choices: ImportChoices): Promise<ImportSpec> {
  const resolved = resolveChoices(session.headers, session.catalog.fields, choices, (h, t) =>
    session.detectedSettings(h, t),
  );
  const errors = resolved.issues.filter((i) => i.level === 'error');
  if (errors.length > 0)
    throw new Error(`The import cannot start: ${errors.map((e) => e.message).join('; ')}`);
  const file = session.file;
  const mapping: Record<string, string | null> = {};
  for (const [header, target] of Object.entries(resolved.mapping)) {
    mapping[header] = target === null ? null : formatTarget(target);
  }
  const columnSettings = Object.fromEntries(
    Object.entries(resolved.settings).filter(([header]) => resolved.mapping[header] != null),
  );
  return parseImportSpec({
    file: path.resolve(file.path),
    fileHash: await hashFile(file.path),
    read: {
      ...(file.sheet === undefined ? {} : { sheet: file.sheet }),
      headerRow: file.headerRow,
      ...(session.readOptions.encoding === undefined ? {} : { encoding: session.readOptions.encoding }),
      ...(file.delimiter === undefined ? {} : { delimiter: file.delimiter }),
    },
    mapping,
    columnSettings,
    mode: resolved.mode,
    match: resolved.match === null ? null : formatTarget(resolved.match),
    emptyCells: resolved.emptyCells,
    ...(resolved.updateUnchanged ? { updateUnchanged: true } : {}),
    ...(session.catalog.defaultCurrency ? { defaultCurrency: session.catalog.defaultCurrency } : {}),
    edits: sessionEdits(session),
  });
}
