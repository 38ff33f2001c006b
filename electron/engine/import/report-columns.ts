/**
 * The columns Orgport adds to its import reports, and how a file that *is* such a report is
 * recognised: a failed-rows report, fixed and imported again with the same mapping, must not try to
 * import its "Row" and "Reason" columns.
 */

/** The extra columns of the failed-rows report, in order; the second pair when the file has a "Row" or "Reason" already. */
export const FAILED_REPORT_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['Row', 'Reason'],
  ['Orgport row', 'Orgport reason'],
  ['Row (Orgport)', 'Reason (Orgport)'],
];

/** The extra columns of the succeeded-rows report. "Pipedrive ID" is left to map (it makes the file an update). */
export const SUCCEEDED_REPORT_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['Pipedrive ID', 'Action'],
  ['Orgport Pipedrive ID', 'Orgport action'],
  ['Pipedrive ID (Orgport)', 'Action (Orgport)'],
];

/** The first pair of names the file's own headers do not use (case-insensitive); the last pair if all are. */
export function reportColumnNames(
  headers: ReadonlyArray<string>,
  choices: ReadonlyArray<readonly [string, string]>,
): readonly [string, string] {
  const taken = new Set(headers.map((h) => h.trim().toLowerCase()));
  const free = choices.find(([a, b]) => !taken.has(a.toLowerCase()) && !taken.has(b.toLowerCase()));
  return free ?? choices.at(-1) ?? ['Row', 'Reason'];
}

/**
 * The headers of `headers` that are columns an Orgport report added and that must never be imported:
 * a failed report's row number and reason, a succeeded report's action. Recognised only as the last
 * two headers, exactly as written, so a user's own "Reason" column elsewhere is mapped as usual.
 */
export function reportColumnsOf(headers: ReadonlyArray<string>): string[] {
  const last = headers.at(-1);
  const before = headers.at(-2);
  if (last === undefined || before === undefined) return [];
  for (const [row, reason] of FAILED_REPORT_COLUMNS) {
    if (before === row && last === reason) return [row, reason];
  }
  for (const [id, action] of SUCCEEDED_REPORT_COLUMNS) {
    if (before === id && last === action) return [action];
  }
  return [];
}
