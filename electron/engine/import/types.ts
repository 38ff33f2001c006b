/**
 * Shapes shared by the import engine's parts: what the conversion needs from the account, what one
 * converted row is, and what the planner decides for it. The preview, the dry run and the import job
 * all speak these types, so what the user previews is what the job does.
 */
import type { MappingTarget } from '../../../shared/mapping.ts';
import type { ImportMode } from '../../../shared/mapping-profile.ts';
import type { FieldOption, OrgField, OrganizationWrite, PipedriveUser } from '../../../shared/model.ts';

export type { ImportMode };

/** What empty cells mean on update: `skip` leaves the field as it is, `clear` empties it. */
export type EmptyCells = 'skip' | 'clear';

/** What converting cells needs from the Pipedrive account. */
export interface ImportCatalog {
  readonly fields: ReadonlyArray<OrgField>;
  /** The company's users (owners by email, name or id); may be empty when no user column is mapped. */
  readonly users: ReadonlyArray<PipedriveUser>;
  /** Organization labels, when they are not the options of the labels field. */
  readonly labels?: ReadonlyArray<FieldOption>;
  /** Currency for amounts that carry none and whose column has no currency setting. */
  readonly defaultCurrency?: string | null;
}

/** Column header → what it is imported into (null: ignored). */
export type ColumnMap = Readonly<Record<string, MappingTarget | null>>;

/** A cell that cannot be imported as it is, and why. */
export interface CellError {
  /** The column header. */
  readonly column: string;
  /** The cell as the user sees it (shortened text). */
  readonly value: string;
  /** Plain language: what is wrong and what would be accepted. */
  readonly message: string;
  /** What the column accepts (e.g. the option labels), for a tooltip. */
  readonly accepted?: string;
  /** The closest acceptable value ("did you mean"). */
  readonly suggestion?: string;
}

/** Something worth knowing about a cell that does not stop the row (a two-digit year read as 20xx). */
export interface CellNote {
  readonly column: string;
  readonly message: string;
}

/** How one mapped cell of a row converted: nothing in it, converted, or failed. */
export type CellState = 0 | 1 | 2;

/**
 * A cell naming a deactivated or deleted user. Such a user cannot be *given* an organization, but an
 * exported file names them where they still own one: the cell is fine exactly when the organization
 * already has that user in the field (then nothing is sent for it), and an error otherwise.
 */
export interface DeferredCell {
  readonly column: string;
  /** The user field's key (`owner_id` or a custom user field). */
  readonly key: string;
  readonly userId: number;
  /** The problem to report when the organization does not have this user already. */
  readonly error: CellError;
}

/** What converting a row finds out besides its body: the value it is matched by, and its problems. */
export interface RowFindings {
  /** The row number a spreadsheet program shows. */
  readonly rowNumber: number;
  /** The converted value of the match column (an ID, a name, a field value); null when empty. */
  readonly matchValue: string | number | null;
  /** `matchValue` normalised for lookups (case and spaces folded); null when there is none. */
  readonly matchKey: string | null;
  /** Problems that keep the row from being sent. */
  readonly cellErrors: ReadonlyArray<CellError>;
  /** Cells that are right only if the matched organization already holds their value. */
  readonly deferred: ReadonlyArray<DeferredCell>;
  /** Why the row could not be *created* (no name), or null; update rows do not need a name. */
  readonly createError: string | null;
  readonly notes: ReadonlyArray<CellNote>;
  /** One state per mapped column, in the converter's column order (for the per-column summary). */
  readonly states: ReadonlyArray<CellState>;
}

/** One row after conversion: the body to send, the value it is matched by, and its problems. */
export interface ConvertedRow extends RowFindings {
  /** The v2 POST/PATCH body the row's cells make. */
  readonly body: OrganizationWrite;
}

/**
 * One row checked but not converted (`RowConverter.check`): the same findings as `convert`'s, and no
 * body — enough to plan a row before the organizations are known, never enough to send or compare.
 */
export interface CheckedRow extends RowFindings {
  readonly body: null;
}

/**
 * What the import will do with a row. `pending`: update/upsert before the organizations are indexed;
 * `not-found`: update mode and no organization matches; `duplicate`: another row of the file has the
 * same match key, so neither is sent (which one is right cannot be guessed).
 */
export type PlannedOutcome =
  'create' | 'update' | 'unchanged' | 'skip' | 'error' | 'ambiguous' | 'duplicate' | 'not-found' | 'pending';

/** The plan for one row. */
export interface RowPlan {
  readonly outcome: PlannedOutcome;
  /** The organization the row updates (update, unchanged, skip). */
  readonly orgId: number | null;
  /** Update: what to send — only the fields whose values differ from Pipedrive's. */
  readonly body?: OrganizationWrite;
  /** Ambiguous: the organizations the match key fits. */
  readonly candidates?: ReadonlyArray<number>;
  /** Duplicate: the other rows of the file with the same match key. */
  readonly duplicateRows?: ReadonlyArray<number>;
  /** Plain-language reason for every outcome that is not a write (and for a create's notes). */
  readonly reason?: string;
}

/** Outcomes that end as a failed row in the report. */
export const FAILING_OUTCOMES: ReadonlySet<PlannedOutcome> = new Set([
  'error',
  'ambiguous',
  'duplicate',
  'not-found',
]);
