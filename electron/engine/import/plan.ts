/**
 * The planner: what the import will do with each converted row — create, update, leave unchanged, or
 * refuse it with a reason (a bad cell, an ambiguous or missing match, a duplicate in the file). The
 * preview shows these plans and the job acts on them, from the same function.
 */
import type { MappingTarget } from '../../../shared/mapping.ts';
import type { OrgField, Organization, OrganizationWrite } from '../../../shared/model.ts';
import { bodyKey, readRaw, sameFieldValue, sameValue, valueType } from '../../../shared/values/index.ts';
import { describeCellError } from './convert.ts';
import { describeMatch } from './match-key.ts';
import type { OrgIndex } from './org-index.ts';
import type { CheckedRow, ConvertedRow, ImportMode, RowFindings, RowPlan } from './types.ts';

/** Rows of the file grouped by match key, to flag two rows that would hit the same organization. */
export class DuplicateGroups {
  private readonly groups = new Map<string, number[]>();

  /** Records that row `rowNumber` has match key `key` (null keys are never duplicates). */
  add(key: string | null, rowNumber: number): void {
    if (key === null) return;
    const list = this.groups.get(key);
    if (list) list.push(rowNumber);
    else this.groups.set(key, [rowNumber]);
  }

  /** Forgets row `rowNumber` under `key` (a cell edit changed its key). */
  remove(key: string | null, rowNumber: number): void {
    if (key === null) return;
    const list = this.groups.get(key);
    if (!list) return;
    const rest = list.filter((r) => r !== rowNumber);
    if (rest.length > 0) this.groups.set(key, rest);
    else this.groups.delete(key);
  }

  /** The other rows with the same key (empty when the row is alone). */
  others(key: string | null, rowNumber: number): number[] {
    if (key === null) return [];
    const list = this.groups.get(key);
    return list && list.length > 1 ? list.filter((r) => r !== rowNumber) : [];
  }

  /** Every row sharing `key`. */
  rows(key: string | null): ReadonlyArray<number> {
    return key === null ? [] : (this.groups.get(key) ?? []);
  }
}

/** Everything the planner looks at besides the row. */
export interface PlanContext {
  readonly mode: ImportMode;
  readonly match: MappingTarget | null;
  /** The organizations (update/upsert); null until loaded, which leaves such rows `pending`. */
  readonly index: OrgIndex | null;
  readonly duplicates: DuplicateGroups;
  readonly fields: ReadonlyArray<OrgField>;
  /** Send updates even when they would change nothing. */
  readonly updateUnchanged: boolean;
  /** The header of the match column, for messages. */
  readonly matchColumn: string | null;
}

function rowList(rows: ReadonlyArray<number>): string {
  const shown = rows.slice(0, 5).join(', ');
  return rows.length > 5 ? `${shown} and ${rows.length - 5} more` : shown;
}

/** A planning context without the organizations: every update row is `pending`, no body is looked at. */
export type UnindexedPlan = PlanContext & { readonly index: null };

/** The plan of nearly every row of a create: one shared object, frozen so nothing can change it. */
const CREATE: RowPlan = Object.freeze({ outcome: 'create', orgId: null });

function createPlan(row: RowFindings): RowPlan {
  if (row.deferred.length > 0) {
    return {
      outcome: 'error',
      orgId: null,
      reason: row.deferred.map((d) => describeCellError(d.error)).join(' · '),
    };
  }
  return row.createError === null ? CREATE : { outcome: 'error', orgId: null, reason: row.createError };
}

/** Deferred cells (deactivated users) the organization does not already hold: those are errors. */
function unmetDeferred(
  row: RowFindings,
  existing: Organization | undefined,
  fields: ReadonlyArray<OrgField>,
): string[] {
  const problems: string[] = [];
  for (const cell of row.deferred) {
    const field = fields.find((f) => f.key === cell.key);
    const held = existing && field ? readRaw(existing, field) : null;
    if (!field || !sameFieldValue('user', held, cell.userId)) problems.push(describeCellError(cell.error));
  }
  return problems;
}

/**
 * Decides what happens to one row; see {@link PlannedOutcome}. A checked row (no body) can be planned
 * only without the organizations, where no body is compared or sent.
 */
export function planRow(row: ConvertedRow, ctx: PlanContext): RowPlan;
export function planRow(row: CheckedRow, ctx: UnindexedPlan): RowPlan;
export function planRow(row: ConvertedRow | CheckedRow, ctx: PlanContext): RowPlan {
  if (row.cellErrors.length > 0) {
    return { outcome: 'error', orgId: null, reason: row.cellErrors.map(describeCellError).join(' · ') };
  }
  if (ctx.mode === 'create' || ctx.match === null) return createPlan(row);
  const what = describeMatch(ctx.match, ctx.fields);
  const column = ctx.matchColumn === null ? 'the match column' : `"${ctx.matchColumn}"`;
  if (row.matchKey === null) {
    if (ctx.mode === 'upsert') return createPlan(row);
    return {
      outcome: 'error',
      orgId: null,
      reason: `The ${column} cell is empty, so there is nothing to find the organization by (${what})`,
    };
  }
  const others = ctx.duplicates.others(row.matchKey, row.rowNumber);
  if (others.length > 0) {
    return {
      outcome: 'duplicate',
      orgId: null,
      duplicateRows: others,
      reason:
        `Row(s) ${rowList(others)} of the file have the same ${what} (${String(row.matchValue)}); ` +
        `they would change the same organization, so none of them is imported — keep one`,
    };
  }
  if (ctx.index === null) return { outcome: 'pending', orgId: null };
  // The overloads keep this from happening; a cast around them would end here, not in a wrong plan.
  if (row.body === null)
    throw new Error('A checked row has no body: convert it to plan it against Pipedrive');
  const hits = ctx.index.lookup(row.matchKey);
  if (hits.length === 0) {
    if (ctx.mode === 'upsert') return createPlan(row);
    return {
      outcome: 'not-found',
      orgId: null,
      reason: `No organization in Pipedrive has the ${what} ${JSON.stringify(String(row.matchValue))}`,
    };
  }
  if (hits.length > 1) {
    return {
      outcome: 'ambiguous',
      orgId: null,
      candidates: hits,
      reason:
        `${hits.length} organizations have the ${what} ${JSON.stringify(String(row.matchValue))} ` +
        `(IDs ${rowList(hits)}); match by ID to say which one`,
    };
  }
  const id = hits[0] as number;
  const existing = ctx.index.get(id);
  const unmet = unmetDeferred(row, existing, ctx.fields);
  if (unmet.length > 0) return { outcome: 'error', orgId: null, reason: unmet.join(' · ') };
  if (Object.keys(row.body).length === 0) {
    return { outcome: 'skip', orgId: id, reason: 'Nothing to update: every mapped cell is empty' };
  }
  if (!ctx.updateUnchanged && existing && sameValue(existing, row.body, ctx.fields)) {
    return { outcome: 'unchanged', orgId: id, reason: 'Pipedrive already holds these values' };
  }
  const body = existing && !ctx.updateUnchanged ? changedPart(existing, row.body, ctx.fields) : row.body;
  return { outcome: 'update', orgId: id, body };
}

/**
 * The part of `body` that changes `existing`: an update sends only the fields whose values differ, so
 * a row with one edited cell changes that one field and nothing else (no time zone reset on an
 * untouched time field, no address rewritten because its name changed).
 */
export function changedPart(
  existing: Organization,
  body: OrganizationWrite,
  fields: ReadonlyArray<OrgField>,
): OrganizationWrite {
  const system = new Map(fields.filter((f) => !f.custom).map((f) => [bodyKey(f), f]));
  const custom = new Map(fields.filter((f) => f.custom).map((f) => [f.key, f]));
  const out: Record<string, unknown> = {};
  for (const [key, sent] of Object.entries(body)) {
    if (key === 'custom_fields' || sent === undefined) continue;
    const field = system.get(key);
    const same = field
      ? sameFieldValue(valueType(field), readRaw(existing, field), sent)
      : JSON.stringify(existing[key] ?? null) === JSON.stringify(sent);
    if (!same) out[key] = sent;
  }
  const customOut: Record<string, unknown> = {};
  for (const [key, sent] of Object.entries(body.custom_fields ?? {})) {
    const field = custom.get(key);
    const held = existing.custom_fields[key] ?? null;
    const same = field
      ? sameFieldValue(valueType(field), held, sent)
      : JSON.stringify(held) === JSON.stringify(sent);
    if (!same) customOut[key] = sent;
  }
  if (Object.keys(customOut).length > 0) out.custom_fields = customOut;
  // Built from the body's own entries, so every value has the type the body gave it.
  return out as OrganizationWrite;
}
