/**
 * Resolving a mapping profile against a company's fields and a file's headers: each column's target,
 * the match key, and the problems that stop an import or only deserve a warning.
 */
import { resolveTargetText } from './automap/targets.ts';
import { cleanHeader, compact } from './automap/normalize.ts';
import type { MappingTarget } from './mapping.ts';
import { formatTarget, sameTarget } from './mapping.ts';
import type { FieldType, OrgField } from './model.ts';
import { formatPath } from './mapping-profile.ts';
import type { ImportMode, MappingProfile, ProfileProblem } from './mapping-profile.ts';

/** A profile checked against the fields and the file: one target (or null) per file header. */
export interface ResolvedProfile {
  /** Every header of the file → its target; null for ignored and unmapped columns. */
  readonly columns: Readonly<Record<string, MappingTarget | null>>;
  readonly mode: ImportMode | null;
  /** What update/upsert rows are matched by; null in create mode or when there is no match key. */
  readonly match: MappingTarget | null;
  /** Problems that stop the import (nothing may be sent while there are any). */
  readonly errors: ReadonlyArray<ProfileProblem>;
  /** Things the user should know that do not stop the import. */
  readonly warnings: ReadonlyArray<ProfileProblem>;
}

/** Command-line or UI choices that override the profile's own. */
export interface ResolveOverrides {
  readonly mode?: ImportMode;
  readonly match?: string;
}

/** Field types rows can be matched by (their values identify an organization as text or a number). */
const MATCHABLE: ReadonlyArray<FieldType> = ['varchar', 'varchar_auto', 'text', 'phone', 'double', 'int'];

/**
 * Resolves a profile for a file: each column's target (a key wins over a name; a name fitting several
 * fields, an unknown key or name, a read-only field and two columns on one target are errors), the
 * match key, and warnings for profile columns the file does not have.
 */
export function resolveProfile(
  profile: MappingProfile,
  fields: ReadonlyArray<OrgField>,
  headers: ReadonlyArray<string>,
  overrides: ResolveOverrides = {},
): ResolvedProfile {
  const errors: ProfileProblem[] = [];
  const warnings: ProfileProblem[] = [];
  const mode = overrides.mode ?? profile.mode ?? null;
  const columns: Record<string, MappingTarget | null> = {};
  for (const header of headers) columns[header] = null;

  const claimed: Array<{ header: string; target: MappingTarget }> = [];
  for (const [wanted, text] of Object.entries(profile.columns)) {
    const path = formatPath(['columns', wanted]);
    const header = findHeader(wanted, headers);
    if (header === null) {
      warnings.push({
        path,
        message: `the file has no column "${wanted}"; this line of the profile is not used`,
      });
      continue;
    }
    if (text === null) continue;
    const resolved = resolveTargetText(text, fields, { names: true });
    if (!resolved.ok) {
      errors.push({ path, message: resolved.message });
      continue;
    }
    if (resolved.target.kind === 'id' && mode === 'create') {
      warnings.push({
        path,
        message: 'Pipedrive IDs are not used when creating organizations; the column is ignored',
      });
      continue;
    }
    const other = claimed.find((c) => sameTarget(c.target, resolved.target));
    if (other) {
      errors.push({
        path,
        message: `columns "${other.header}" and "${header}" both map to "${formatTarget(resolved.target)}"; a field takes one column`,
      });
      continue;
    }
    claimed.push({ header, target: resolved.target });
    columns[header] = resolved.target;
  }

  for (const wanted of Object.keys(profile.columnSettings ?? {})) {
    if (findHeader(wanted, headers) === null) {
      warnings.push({
        path: formatPath(['columnSettings', wanted]),
        message: `the file has no column "${wanted}"`,
      });
    }
  }
  const match = resolveMatch(profile, overrides, mode, fields, claimed, errors, warnings);
  return { columns, mode, match, errors, warnings };
}

/** The file header a profile column means: exact, else the same after cleaning, else the same words. */
function findHeader(wanted: string, headers: ReadonlyArray<string>): string | null {
  if (headers.includes(wanted)) return wanted;
  const cleaned = headers.filter((h) => cleanHeader(h) === cleanHeader(wanted));
  if (cleaned.length === 1) return cleaned[0] ?? null;
  const key = compact(wanted);
  const loose = headers.filter((h) => key !== '' && compact(h) === key);
  return loose.length === 1 ? (loose[0] ?? null) : null;
}

function resolveMatch(
  profile: MappingProfile,
  overrides: ResolveOverrides,
  mode: ImportMode | null,
  fields: ReadonlyArray<OrgField>,
  claimed: ReadonlyArray<{ header: string; target: MappingTarget }>,
  errors: ProfileProblem[],
  warnings: ProfileProblem[],
): MappingTarget | null {
  const text = overrides.match ?? profile.match;
  const path = overrides.match === undefined ? 'match' : '--match';
  if (mode === 'create') {
    if (text !== undefined)
      warnings.push({ path, message: 'create mode matches nothing; the match key is ignored' });
    return null;
  }
  if (text === undefined) {
    // An exported file carries its IDs; anything else needs a match key to update by.
    const byId = claimed.find((c) => c.target.kind === 'id');
    if (byId) return byId.target;
    if (mode !== null) {
      errors.push({
        path: 'match',
        message: `${mode} needs a match key: "id", "name", or the key or name of a field`,
      });
    }
    return null;
  }
  const resolved = resolveTargetText(text, fields, { names: true, readOnly: true });
  if (!resolved.ok) {
    errors.push({ path, message: resolved.message });
    return null;
  }
  const { target, field } = resolved;
  if (target.kind === 'part' || (field !== null && (!field.writable || !MATCHABLE.includes(field.type)))) {
    const suitable = fields
      .filter((f) => f.writable && MATCHABLE.includes(f.type))
      .map((f) => `${f.key} (${f.name})`);
    const what = field === null ? text : `"${field.name}" (${field.key}, ${field.type})`;
    errors.push({
      path,
      message: `${what} cannot be a match key; accepted: id, ${suitable.join(', ')}`,
    });
    return null;
  }
  if (!claimed.some((c) => sameTarget(c.target, target))) {
    errors.push({
      path,
      message: `no column is mapped to ${field === null ? 'the Pipedrive ID' : `"${field.name}" (${field.key})`}, so rows cannot be matched by it`,
    });
    return null;
  }
  return target;
}
