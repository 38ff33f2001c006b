/**
 * The dry run's report (`orgport import --dry-run`): the preview as text for a terminal and as JSON
 * for scripts — the columns with how their cells converted, the first problems with a count, the
 * planned outcomes and the token cost. Nothing in here sends anything.
 */
import { getPreviewRows, type ImportPreview } from './preview.ts';
import type { PreviewRow } from './preview-rows.ts';
import type { ImportSession } from './session.ts';
import { describeCellError } from './convert.ts';

/** The dry run as text and as data. */
export interface DryRunReport {
  readonly text: string;
  readonly json: Record<string, unknown>;
  /** True when some row would fail. */
  readonly hasProblems: boolean;
}

const n = (value: number): string => value.toLocaleString('en-US');

function rowProblem(row: PreviewRow): string {
  const why =
    row.errors.length > 0 ? row.errors.map(describeCellError).join(' · ') : (row.reason ?? row.outcome);
  return `Row ${row.rowNumber}: ${why}`;
}

function fileLine(session: ImportSession): string {
  const f = session.file;
  const where =
    f.format === 'csv'
      ? `CSV, ${f.encoding?.name ?? 'utf-8'}, delimiter ${JSON.stringify(f.delimiter ?? ',')}`
      : `XLSX, sheet "${f.sheet ?? ''}"`;
  return `${f.fileName}: ${n(f.rows)} rows, ${f.headers.length} columns (${where}, header row ${f.headerRow})`;
}

/** Builds the dry-run report of a previewed session; lists at most `problemLimit` problem rows. */
export async function dryRunReport(
  session: ImportSession,
  preview: ImportPreview,
  problemLimit = 20,
): Promise<DryRunReport> {
  const problems = await getPreviewRows(session, 0, problemLimit, { problemsOnly: true });
  const o = preview.outcomes;
  const lines: string[] = [fileLine(session)];
  const matchColumn = preview.columns.find((c) => c.isMatch);
  lines.push(
    `Mode: ${preview.mode}${matchColumn ? `, rows matched by ${matchColumn.targetLabel ?? ''} (column "${matchColumn.column}")` : ''}`,
    '',
    'Columns:',
  );
  const width = Math.min(32, Math.max(...preview.columns.map((c) => c.column.length)));
  for (const c of preview.columns) {
    const name = c.column.padEnd(width);
    if (c.target === null) {
      lines.push(`  ${name}  (not imported)`);
      continue;
    }
    const failed = c.failed > 0 ? `, ${n(c.failed)} failed` : '';
    const notes = c.detected && c.detected.notes.length > 0 ? ` — ${c.detected.notes.join('; ')}` : '';
    lines.push(
      `  ${name}  → ${c.targetLabel ?? ''} (${c.type ?? ''}): ${n(c.converted)} converted${failed}${notes}`,
    );
  }
  for (const issue of preview.issues)
    lines.push(`${issue.level === 'error' ? 'Error' : 'Note'}: ${issue.message}`);
  lines.push('');
  if (preview.problemRows > 0) {
    lines.push(
      `Problems: ${n(preview.problemRows)} row(s) would fail${preview.problemRows > problems.rows.length ? ` (first ${problems.rows.length} shown)` : ''}:`,
    );
    for (const row of problems.rows) lines.push(`  ${rowProblem(row)}`);
  } else {
    lines.push('Problems: none.');
  }
  const planned = [
    `${n(o.create)} create`,
    `${n(o.update)} update`,
    `${n(o.unchanged)} unchanged`,
    ...(o.skip > 0 ? [`${n(o.skip)} skip (nothing to change)`] : []),
    ...(o.pending > 0 ? [`${n(o.pending)} not yet matched`] : []),
    `${n(preview.problemRows)} fail`,
  ];
  lines.push('', `Planned: ${planned.join(' · ')}`);
  const cost = preview.cost;
  const parts = [
    `fields ${cost.fields}`,
    ...(cost.users > 0 ? [`users ${cost.users}`] : []),
    ...(cost.index === null ? [] : cost.index > 0 ? [`index ${n(cost.index)}`] : []),
    `writes ${n(cost.writes)}`,
  ];
  lines.push(
    `Token cost: ${cost.total === null ? 'unknown' : `about ${n(cost.total)} tokens`} (${parts.join(', ')})`,
    'Dry run: nothing was sent to Pipedrive.',
  );
  const json = {
    file: {
      name: session.file.fileName,
      format: session.file.format,
      rows: session.file.rows,
      headers: session.file.headers,
      ...(session.file.sheet === undefined ? {} : { sheet: session.file.sheet }),
      headerRow: session.file.headerRow,
    },
    mode: preview.mode,
    columns: preview.columns.map((c) => ({
      column: c.column,
      target: c.targetLabel,
      type: c.type,
      converted: c.converted,
      empty: c.empty,
      failed: c.failed,
    })),
    issues: preview.issues,
    outcomes: o,
    problemRows: preview.problemRows,
    problems: problems.rows.map((row) => ({
      row: row.rowNumber,
      outcome: row.outcome,
      reason: row.reason ?? null,
      errors: row.errors,
      ...(row.candidates ? { candidates: row.candidates } : {}),
      ...(row.duplicateRows ? { duplicateRows: row.duplicateRows } : {}),
    })),
    cost,
  };
  return { text: lines.join('\n') + '\n', json, hasProblems: preview.problemRows > 0 };
}
