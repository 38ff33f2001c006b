import path from 'node:path';
import type { OrgField } from '../../../shared/model.ts';
import { formatFromPath, parseExportSpec, type ExportSpec } from '../../engine/jobs/export/export-spec.ts';
import { intFlag, parseFlags, stringFlag, type Flags } from '../args.ts';
import { CONNECTION_HELP, CONNECTION_OPTIONS, openConnection } from '../connection.ts';
import { UsageError } from '../exit-codes.ts';
import { cliJobManager, followJob } from '../job-runtime.ts';
import type { Command } from './types.ts';

/** `orgport export`: every organization (or a subset) to an XLSX or CSV file. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'export organizations to an Excel (XLSX) or CSV file',
  usage: `Usage: orgport export --out FILE [options] [connection]

Writes every organization with every field, with readable values (option labels, owner names,
formatted addresses), to FILE. The first column is the Pipedrive ID, so the file imports back as
an update with no mapping. The file appears only when the export is complete.

  --out FILE             the file to write (.xlsx or .csv)
  --format xlsx|csv      the format (default: from the file name's extension)
  --fields LIST          comma-separated field keys or names to export (default: all);
                         see "orgport fields" for the keys
  --filter-id N          only the organizations of a saved Pipedrive filter
  --owner-id N           only the organizations of one owner (user ID)
  --updated-since ISO    only organizations updated at or after this time (2025-01-31 or RFC 3339)
  --updated-until ISO    only organizations updated before this time
  --delimiter ,|;|tab    CSV field delimiter (default ","; ";" suits Excel in many European locales)
  --json                 print a machine-readable summary on stdout

${CONNECTION_HELP}

Examples:
  orgport export --sandbox --out orgs.xlsx
  orgport export --out orgs.csv --delimiter ";" --updated-since 2025-01-01`,
  async run(argv, io) {
    const { flags } = parseFlags(argv, {
      ...CONNECTION_OPTIONS,
      out: { type: 'string' },
      format: { type: 'string' },
      fields: { type: 'string' },
      'filter-id': { type: 'string' },
      'owner-id': { type: 'string' },
      'updated-since': { type: 'string' },
      'updated-until': { type: 'string' },
      delimiter: { type: 'string' },
      json: { type: 'boolean' },
    });
    const draft = specFromFlags(flags);
    const connection = await openConnection(flags, io.env);
    try {
      const spec = draft.fieldNames
        ? {
            ...draft.spec,
            fields: resolveFieldList(draft.fieldNames, await connection.client.listOrganizationFields()),
          }
        : draft.spec;
      const manager = cliJobManager(io.env);
      return await followJob(
        manager,
        () =>
          manager.start({
            kind: 'export',
            spec,
            title: `Export to ${path.basename(spec.out)}`,
            connection: connection.label,
            env: { connection: connection.config, label: connection.label },
          }),
        io,
        { json: flags.json === true },
      );
    } finally {
      await connection.close();
    }
  },
};

/** Builds the spec from flags; field names are resolved later, once the fields are known. */
export function specFromFlags(flags: Flags): { spec: ExportSpec; fieldNames: string[] | null } {
  const out = stringFlag(flags, 'out');
  if (!out) throw new UsageError('--out FILE is required (a .xlsx or .csv file)');
  const formatFlag = stringFlag(flags, 'format');
  if (formatFlag !== undefined && formatFlag !== 'xlsx' && formatFlag !== 'csv') {
    throw new UsageError(`--format takes xlsx or csv, not "${formatFlag}"`);
  }
  const format = formatFlag ?? formatFromPath(out);
  if (!format)
    throw new UsageError(`cannot tell the format from "${out}": add --format xlsx or --format csv`);
  const delimiterFlag = stringFlag(flags, 'delimiter');
  const delimiter = delimiterFlag === undefined ? undefined : parseDelimiter(delimiterFlag);
  if (delimiter !== undefined && format !== 'csv')
    throw new UsageError('--delimiter only applies to CSV exports');
  const fieldsFlag = stringFlag(flags, 'fields');
  const raw = {
    out: path.resolve(out),
    format,
    delimiter,
    filterId: intFlag(flags, 'filter-id', 1),
    ownerId: intFlag(flags, 'owner-id', 1),
    updatedSince: isoFlag(flags, 'updated-since'),
    updatedUntil: isoFlag(flags, 'updated-until'),
  };
  try {
    const spec = parseExportSpec(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
    const fieldNames =
      fieldsFlag === undefined
        ? null
        : fieldsFlag
            .split(',')
            .map((f) => f.trim())
            .filter(Boolean);
    return { spec, fieldNames };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function parseDelimiter(text: string): ',' | ';' | '\t' {
  if (text === ',' || text === ';') return text;
  if (text === 'tab' || text === '\t' || text === '\\t') return '\t';
  throw new UsageError(`--delimiter takes ",", ";" or "tab", not "${text}"`);
}

function isoFlag(flags: Flags, name: string): string | undefined {
  const raw = stringFlag(flags, name);
  if (raw === undefined) return undefined;
  const withTime = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw;
  const date = new Date(withTime);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(raw)) {
    throw new UsageError(
      `--${name} takes a date (2025-01-31) or an RFC 3339 time (2025-01-31T10:20:00Z), not "${raw}"`,
    );
  }
  return date.toISOString();
}

/** Resolves `--fields` items (keys, or names case-insensitively) to field keys. */
export function resolveFieldList(items: ReadonlyArray<string>, fields: ReadonlyArray<OrgField>): string[] {
  return items.map((item) => {
    if (item === 'id' || fields.some((f) => f.key === item)) return item;
    const byName = fields.filter((f) => f.name.toLowerCase() === item.toLowerCase());
    if (byName.length === 1 && byName[0]) return byName[0].key;
    if (byName.length > 1) {
      throw new UsageError(
        `--fields: "${item}" is the name of several fields; use one of their keys: ${byName.map((f) => f.key).join(', ')}`,
      );
    }
    throw new UsageError(`--fields: no field has the key or name "${item}" (see: orgport fields)`);
  });
}
