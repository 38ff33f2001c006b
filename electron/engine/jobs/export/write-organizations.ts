import path from 'node:path';
import {
  buildExportColumns,
  createExportContext,
  type ExportColumn,
} from '../../../../shared/export/index.ts';
import type { OrgField, PipedriveUser } from '../../../../shared/model.ts';
import { openCsvWriter } from '../../files/write/csv-writer.ts';
import type { AboutLine, SheetWriter } from '../../files/write/types.ts';
import { openXlsxWriter } from '../../files/write/xlsx-writer.ts';
import type { ListOrganizationsParams, PipedriveClient } from '../../pipedrive/index.ts';
import type { ExportSpec } from './export-spec.ts';

/** Figures of a finished (or interrupted) write. */
export interface WriteProgress {
  readonly pages: number;
  readonly rows: number;
}

/** What {@link writeOrganizationsFile} needs. */
export interface WriteOrganizationsInput {
  readonly client: PipedriveClient;
  readonly spec: ExportSpec;
  /** Account label for the "About" sheet; never the token. */
  readonly account: string;
  readonly signal: AbortSignal;
  /** Called after the field definitions and users are loaded, and after each page is written. */
  readonly onProgress?: (progress: WriteProgress & { phase: 'fields' | 'fetching' | 'finishing' }) => void;
  /** Awaited between pages; the job's pause point. */
  readonly checkpoint?: () => Promise<void>;
  /** Fields and users already loaded by the caller (the delete job has them). */
  readonly fields?: ReadonlyArray<OrgField>;
  readonly users?: ReadonlyArray<PipedriveUser>;
}

/** The result of a completed write. */
export interface WriteResult extends WriteProgress {
  readonly path: string;
  readonly columns: number;
  readonly warnings: ReadonlyArray<string>;
}

/**
 * Pages through the organizations (500 a page, all custom fields: asking for chosen ones would cap them
 * at 15) and streams them into an XLSX or CSV file with readable values. The file appears under its
 * name only when complete; on cancel, stop or error the partial file is removed.
 */
export async function writeOrganizationsFile(input: WriteOrganizationsInput): Promise<WriteResult> {
  const { client, spec, signal } = input;
  input.onProgress?.({ phase: 'fields', pages: 0, rows: 0 });
  const [fields, users] = await Promise.all([
    input.fields ?? client.listOrganizationFields(signal),
    input.users ?? client.listUsers(signal),
  ]);
  const columns = buildExportColumns(fields, spec.fields ? { selection: spec.fields } : {});
  const context = createExportContext(users);
  const writer = await openWriter(spec, columns);
  let pages = 0;
  let rows = 0;
  try {
    for await (const page of client.listOrganizations(listParams(spec, fields), signal)) {
      for (const org of page.items) {
        if (signal.aborted) throw signal.reason;
        await writer.writeRow(columns.map((column) => column.extract(org, context)));
        rows += 1;
      }
      pages += 1;
      input.onProgress?.({ phase: 'fetching', pages, rows });
      await input.checkpoint?.();
    }
    input.onProgress?.({ phase: 'finishing', pages, rows });
    await writer.finish(aboutLines(input, columns, rows));
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return { path: writer.path, pages, rows, columns: columns.length, warnings: writer.warnings };
}

function openWriter(spec: ExportSpec, columns: ReadonlyArray<ExportColumn>): Promise<SheetWriter> {
  return spec.format === 'xlsx'
    ? openXlsxWriter(spec.out, columns)
    : openCsvWriter(spec.out, columns, spec.delimiter ? { delimiter: spec.delimiter } : {});
}

/** Optional response fields (counters, 2026 system fields) must be asked for by name. */
function listParams(spec: ExportSpec, fields: ReadonlyArray<OrgField>): ListOrganizationsParams {
  const chosen = spec.fields ? new Set(spec.fields) : null;
  const includeFields = fields
    .filter((f) => f.optionalResponse && (chosen ? chosen.has(f.key) : f.writable))
    .map((f) => f.key);
  return {
    limit: 500,
    ...(spec.filterId !== undefined ? { filterId: spec.filterId } : {}),
    ...(spec.ownerId !== undefined ? { ownerId: spec.ownerId } : {}),
    ...(spec.ids !== undefined ? { ids: spec.ids } : {}),
    ...(spec.updatedSince !== undefined ? { updatedSince: spec.updatedSince } : {}),
    ...(spec.updatedUntil !== undefined ? { updatedUntil: spec.updatedUntil } : {}),
    ...(spec.sortBy !== undefined ? { sortBy: spec.sortBy } : {}),
    ...(spec.sortDirection !== undefined ? { sortDirection: spec.sortDirection } : {}),
    ...(includeFields.length > 0 ? { includeFields } : {}),
  };
}

function aboutLines(
  input: WriteOrganizationsInput,
  columns: ReadonlyArray<ExportColumn>,
  rows: number,
): AboutLine[] {
  const { spec } = input;
  const filters = [
    spec.filterId !== undefined ? `saved filter ${spec.filterId}` : null,
    spec.ownerId !== undefined ? `owner ${spec.ownerId}` : null,
    spec.ids !== undefined ? `${spec.ids.length} chosen IDs` : null,
    spec.updatedSince !== undefined ? `updated since ${spec.updatedSince}` : null,
    spec.updatedUntil !== undefined ? `updated before ${spec.updatedUntil}` : null,
  ].filter((f): f is string => f !== null);
  return [
    { label: 'Account', value: input.account },
    { label: 'Exported at', value: new Date().toISOString() },
    { label: 'Organizations', value: String(rows) },
    { label: 'Filters', value: filters.length > 0 ? filters.join(', ') : 'none (every organization)' },
    { label: 'Sort', value: `${spec.sortBy ?? 'id'} ${spec.sortDirection ?? 'asc'}` },
    { label: 'File', value: path.basename(spec.out) },
    {
      label: 'Re-import',
      value: 'Import this file in update mode: the ID column matches each row, no mapping needed.',
    },
    ...columns.map((c) => ({
      label: `Column "${c.header}"`,
      value: c.target === null ? `${c.key} (read-only, not imported)` : c.key,
    })),
  ];
}
