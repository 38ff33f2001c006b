import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { JobSummary } from '../../../shared/jobs.ts';
import {
  MAX_PROFILE_CHARS,
  MappingProfileError,
  readMappingProfile,
  serializeMappingProfile,
  type MappingProfile,
} from '../../../shared/mapping-profile.ts';
import { resolveProfile } from '../../../shared/mapping-profile-resolve.ts';
import type { OrgField } from '../../../shared/model.ts';
import type { ColumnSettings } from '../../../shared/values/index.ts';
import { dataDir, dataPaths } from '../../engine/data-dir.ts';
import {
  buildImportSpec,
  closeImport,
  dryRunReport,
  loadIndexForChoices,
  MappingMemoryStore,
  needsUsers,
  openImport,
  previewImport,
  proposedProfile,
  uncertainColumns,
  type FirstProposal,
  type ImportChoices,
  type ImportMode,
  type ImportSession,
} from '../../engine/import/index.ts';
import { intFlag, parseFlags, stringFlag, type Flags } from '../args.ts';
import { CONNECTION_HELP, CONNECTION_OPTIONS, openConnection, type CliConnection } from '../connection.ts';
import { EXIT, UsageError } from '../exit-codes.ts';
import { cliJobManager, followJob } from '../job-runtime.ts';
import type { CliIo } from '../main.ts';
import type { Command } from './types.ts';

/** `orgport import`: create, update or upsert organizations from a CSV or XLSX file. */
export const importCommand: Command = {
  name: 'import',
  summary: 'create, update or upsert organizations from a CSV or Excel (XLSX) file',
  usage: `Usage: orgport import FILE [--mapping MAP.json] [options] [connection]

Imports the rows of FILE (.csv, .tsv, .txt or .xlsx) as organizations. Every cell is checked before
anything is sent; rows that fail are written to a report you can fix and import again as is.

  --mapping MAP.json     the mapping profile: which column goes to which field (see below). Without
                         it, the automatic mapping is used only when every column maps with
                         certainty, as for a file written by "orgport export"; otherwise the
                         proposed mapping is printed, ready to save, check and pass here
  --mode MODE            create, update or upsert (default: the profile's; else update when a
                         Pipedrive ID column is mapped, create otherwise)
  --match KEY            what update/upsert rows are matched by: id, name, or a field key or name
                         (default: the profile's; else the ID column)
  --sheet NAME           the sheet of an XLSX file (default: the first one with data)
  --header-row N         the row that holds the column names (default: detected)
  --empty-cells MODE     skip (leave the field as it is, default) or clear (empty it)
  --update-unchanged     send updates even when they would change nothing (default: skip them)
  --dry-run              check every row and show what would happen and what it would cost;
                         sends nothing (exit 0: no problems, 1: some rows would fail)
  --report-dir DIR       also copy the failed- and succeeded-rows reports into DIR
  --json                 print a machine-readable summary on stdout

A mapping profile is JSON: {"version": 1, "columns": {"Company": "name", "Account owner":
"owner_id", "Notes": null}, "match": "name"} — columns map to a field key, a field name or null.

${CONNECTION_HELP}

Exit codes: 0 every row succeeded, 1 some rows failed (reports written), 2 usage or input error
(nothing sent), 3 stopped (auth, budget, interrupted; continue with: orgport resume).

Examples:
  orgport import orgs-export.xlsx --dry-run
  orgport import leads.csv --mapping leads.json --mode upsert --match name --report-dir out/`,
  async run(argv, io) {
    const { flags, positionals } = parseFlags(
      argv,
      {
        ...CONNECTION_OPTIONS,
        mapping: { type: 'string' },
        mode: { type: 'string' },
        match: { type: 'string' },
        sheet: { type: 'string' },
        'header-row': { type: 'string' },
        'empty-cells': { type: 'string' },
        'update-unchanged': { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        'report-dir': { type: 'string' },
        json: { type: 'boolean' },
      },
      true,
    );
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE to import');
    const file = path.resolve(positionals[0] ?? '');
    const modeFlag = enumFlag(flags, 'mode', ['create', 'update', 'upsert'] as const);
    const emptyCells = enumFlag(flags, 'empty-cells', ['skip', 'clear'] as const);
    const headerRow = intFlag(flags, 'header-row', 0);
    const mappingFile = stringFlag(flags, 'mapping');
    const profile = mappingFile === undefined ? null : await readProfile(mappingFile);
    const connection = await openConnection(flags, io.env);
    let session: ImportSession | null = null;
    try {
      const fields = await connection.client.listOrganizationFields();
      const sheet = stringFlag(flags, 'sheet') ?? profile?.sheet ?? undefined;
      const headerRowChoice = headerRow ?? profile?.headerRow;
      session = await openImport(file, {
        catalog: { fields, users: [] },
        read: {
          ...(sheet === undefined ? {} : { sheet }),
          ...(headerRowChoice === undefined ? {} : { headerRow: headerRowChoice }),
        },
        ...((modeFlag ?? profile?.mode) ? { mode: modeFlag ?? profile?.mode } : {}),
        // A dry run of a create previews under the profile's (or the proposed) choices: the reading
        // worker makes that preview while it reads. Update and upsert previews match against the
        // organizations, which the worker does not have.
        firstPreview:
          flags['dry-run'] === true
            ? {
                choices: (proposal) => {
                  const quiet = { ...io, err: () => undefined };
                  const early = resolveChoicesFromProfile(
                    proposal,
                    profile,
                    fields,
                    flags,
                    modeFlag,
                    emptyCells,
                    quiet,
                  );
                  return early.mode === 'create' ? early : null;
                },
                catalog: async (choices, known) =>
                  needsUsers(Object.values(choices.mapping), known.fields)
                    ? { ...known, users: await connection.client.listUsers() }
                    : known,
              }
            : null,
      });
      const opened = {
        headers: session.headers,
        autoMapping: session.autoMapping,
        reportColumns: session.file.reportColumns,
      };
      const choices = resolveChoicesFromProfile(opened, profile, fields, flags, modeFlag, emptyCells, io);
      if (flags['dry-run'] === true)
        return await dryRun(session, choices, connection, io, flags.json === true);
      const spec = await buildImportSpec(session, choices).catch((error: unknown) => {
        throw new UsageError(error instanceof Error ? error.message : String(error));
      });
      await rememberMapping(session, choices, io.env);
      await closeImport(session);
      session = null;
      const manager = cliJobManager(io.env);
      let final: JobSummary | null = null;
      const off = manager.onStateChange((summary) => (final = summary));
      try {
        const code = await followJob(
          manager,
          () =>
            manager.start({
              kind: 'import',
              spec,
              title: `Import of ${path.basename(file)} (${spec.mode})`,
              connection: connection.label,
              env: { connection: connection.config, label: connection.label },
            }),
          io,
          { json: flags.json === true },
        );
        await showReports(final, stringFlag(flags, 'report-dir'), io);
        return code;
      } finally {
        off();
      }
    } finally {
      if (session) await closeImport(session);
      await connection.close();
    }
  },
};

function enumFlag<T extends string>(flags: Flags, name: string, allowed: ReadonlyArray<T>): T | undefined {
  const value = stringFlag(flags, name);
  if (value === undefined) return undefined;
  const found = allowed.find((a) => a === value);
  if (!found) throw new UsageError(`--${name} takes ${allowed.join(', ')}, not "${value}"`);
  return found;
}

async function readProfile(file: string): Promise<MappingProfile> {
  let text: string;
  try {
    // A profile is a few kilobytes; a huge file is refused before it is read into memory.
    if ((await stat(file)).size > 4 * MAX_PROFILE_CHARS) {
      throw new UsageError(`the mapping profile ${file} is too big to be a mapping profile`);
    }
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `cannot read the mapping profile ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return readMappingProfile(text, path.basename(file));
  } catch (error) {
    if (error instanceof MappingProfileError) throw new UsageError(error.message);
    throw error;
  }
}

/** The profile (given, or the certain auto-mapping) resolved against the file into the preview's choices. */
function resolveChoicesFromProfile(
  session: Pick<FirstProposal, 'headers' | 'autoMapping' | 'reportColumns'>,
  given: MappingProfile | null,
  fields: ReadonlyArray<OrgField>,
  flags: Flags,
  modeFlag: ImportMode | undefined,
  emptyCells: 'skip' | 'clear' | undefined,
  io: CliIo,
): ImportChoices {
  const matchFlag = stringFlag(flags, 'match');
  let profile = given;
  if (profile === null) {
    const uncertain = uncertainColumns(session.autoMapping, fields, session.reportColumns);
    if (uncertain.length > 0) {
      const proposal = proposedProfile(session.autoMapping, { ...(modeFlag ? { mode: modeFlag } : {}) });
      const list = uncertain
        .map(
          (u) =>
            `  "${u.column}": ${u.target === null ? 'not mapped' : `confidence ${u.confidence}`}${u.note ? ` (${u.note})` : ''}`,
        )
        .join('\n');
      throw new UsageError(
        `some columns could not be mapped with certainty, so nothing was imported:\n${list}\n\n` +
          `The proposed mapping, ready to save as a file, check, and pass with --mapping:\n` +
          serializeMappingProfile(proposal),
      );
    }
    profile = proposedProfile(session.autoMapping, { ...(modeFlag ? { mode: modeFlag } : {}) });
  }
  const overrides = { ...(matchFlag === undefined ? {} : { match: matchFlag }) };
  const first = resolveProfile(profile, fields, session.headers, {
    ...overrides,
    ...(modeFlag ? { mode: modeFlag } : {}),
  });
  const mode: ImportMode = modeFlag ?? profile.mode ?? (first.match !== null ? 'update' : 'create');
  const resolved = resolveProfile(profile, fields, session.headers, { ...overrides, mode });
  if (resolved.errors.length > 0) {
    throw new UsageError(
      `the mapping does not fit this file:\n${resolved.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`,
    );
  }
  for (const warning of resolved.warnings) io.err(`Note: ${warning.path}: ${warning.message}\n`);
  return {
    mapping: resolved.columns,
    mode,
    match: resolved.match,
    emptyCells: emptyCells ?? profile.emptyCells ?? 'skip',
    updateUnchanged: flags['update-unchanged'] === true,
    settings: profileSettings(profile, session.headers),
  };
}

/** The profile's column settings keyed by the file's headers (exact, else case- and space-insensitive). */
function profileSettings(
  profile: MappingProfile,
  headers: ReadonlyArray<string>,
): Record<string, Partial<ColumnSettings>> {
  const out: Record<string, Partial<ColumnSettings>> = {};
  const loose = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();
  for (const [wanted, settings] of Object.entries(profile.columnSettings ?? {})) {
    const header = headers.includes(wanted) ? wanted : headers.find((h) => loose(h) === loose(wanted));
    if (header !== undefined)
      out[header] = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
  }
  return out;
}

async function dryRun(
  session: ImportSession,
  choices: ImportChoices,
  connection: CliConnection,
  io: CliIo,
  json: boolean,
): Promise<number> {
  const { client } = connection;
  const fields = session.catalog.fields;
  const targets = Object.values(choices.mapping);
  // Loaded already when the reading worker made the preview while reading the file.
  if (needsUsers(targets, fields) && session.catalog.users.length === 0)
    session.updateCatalog({ ...session.catalog, users: await client.listUsers() });
  const index = await loadIndexForChoices(client, fields, choices);
  const preview = await previewImport(session, choices, { index });
  const errors = preview.issues.filter((i) => i.level === 'error');
  if (errors.length > 0) throw new UsageError(errors.map((e) => e.message).join('\n'));
  const report = await dryRunReport(session, preview);
  const spent = client.usage().tokensSpent;
  if (json)
    io.out(JSON.stringify({ ...report.json, dryRun: true, tokensSpentOnReads: spent }, null, 2) + '\n');
  else
    io.out(
      report.text +
        `(${spent.toLocaleString('en-US')} tokens were spent reading fields and organizations.)\n`,
    );
  return report.hasProblems ? EXIT.someFailed : EXIT.ok;
}

/** Remembers the mapping for these headers, so the app offers it again; a failure here never stops the import. */
async function rememberMapping(
  session: ImportSession,
  choices: ImportChoices,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  try {
    const memory = await MappingMemoryStore.open(dataPaths(dataDir({ env })).profiles);
    await memory.rememberMapping(session.headers, choices.mapping);
  } catch {
    // The memory only offers suggestions.
  }
}

/** Lists the reports on stderr and copies them into `--report-dir`. */
async function showReports(summary: JobSummary | null, dir: string | undefined, io: CliIo): Promise<void> {
  if (!summary || summary.reports.length === 0) return;
  const target = dir === undefined ? null : path.resolve(dir);
  if (target) await mkdir(target, { recursive: true });
  for (const report of summary.reports) {
    let where = report.path;
    if (target) {
      where = path.join(target, path.basename(report.path));
      await copyFile(report.path, where);
    }
    io.err(`${report.label}: ${where}\n`);
  }
}
