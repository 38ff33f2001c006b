/**
 * The import choices as the screen builds them: the first choices for a freshly opened file (the
 * auto-mapping, an earlier import's mapping, or what the user had chosen before the file was read
 * again), the conflicts a mapping has, and the words for methods and outcomes.
 */
import type { MatchMethod } from '../../../../shared/automap/index.ts';
import type {
  ImportChoicesView,
  ImportColumnSummaryView,
  ImportOpened,
  ImportOutcomeName,
  ImportTargetOption,
} from '../../../../shared/ipc-import.ts';
import { firstChoicesView } from '../../../../shared/import-first-choices.ts';

/** Who chose a column's target, when the auto-mapping's proposal was changed: header → who. */
export type Touched = Readonly<Record<string, 'you' | 'profile'>>;

/** What an earlier state of the same draft contributes when a file is read again. */
export interface KeptChoices {
  readonly choices: ImportChoicesView;
  readonly touched: Touched;
}

/**
 * The first choices for an opened file. Columns take, in order: an earlier import's target (`carry`,
 * when fixing its failed rows), the user's own choice before the file was read again (`kept`), the
 * auto-mapping. A file with a Pipedrive ID column is an update by ID (an exported file); otherwise a
 * create, until the user says otherwise.
 */
export function initialChoices(
  opened: ImportOpened,
  kept: KeptChoices | null,
  carry: ImportChoicesView | null,
): ImportChoicesView {
  const mapping: Record<string, string | null> = {};
  const settings: Record<string, ImportChoicesView['settings'][string]> = {};
  const report = new Set(opened.file.reportColumns);
  for (const column of opened.columns) {
    const header = column.column;
    let target = column.target;
    if (report.has(header)) target = null;
    else if (carry && Object.hasOwn(carry.mapping, header)) target = carry.mapping[header] ?? null;
    else if (kept && Object.hasOwn(kept.touched, header)) target = kept.choices.mapping[header] ?? null;
    mapping[header] = target;
    const earlier = carry?.settings[header] ?? kept?.choices.settings[header];
    if (earlier) settings[header] = earlier;
  }
  const base = carry ?? kept?.choices ?? null;
  const first = firstChoicesView(mapping);
  return {
    mapping,
    settings,
    mode: base?.mode ?? first.mode,
    match: base?.match ?? first.match,
    emptyCells: base?.emptyCells ?? first.emptyCells,
    updateUnchanged: base?.updateUnchanged ?? first.updateUnchanged,
  };
}

/** Header → the other columns mapped to the same target (empty when the column has no conflict). */
export function mappingConflicts(mapping: Readonly<Record<string, string | null>>): Map<string, string[]> {
  const byTarget = new Map<string, string[]>();
  for (const [header, target] of Object.entries(mapping)) {
    if (target === null) continue;
    byTarget.set(target, [...(byTarget.get(target) ?? []), header]);
  }
  const out = new Map<string, string[]>();
  for (const headers of byTarget.values()) {
    if (headers.length < 2) continue;
    for (const header of headers)
      out.set(
        header,
        headers.filter((other) => other !== header),
      );
  }
  return out;
}

/** The match key options: the Pipedrive ID, the name, and the text and number fields. */
export function matchOptions(targets: ReadonlyArray<ImportTargetOption>): ImportTargetOption[] {
  return targets.filter((t) => t.matchable);
}

/** How a column's target was found, in words. */
export const METHOD_LABELS: { readonly [M in MatchMethod]: string } = {
  previous: 'Remembered',
  key: 'Exact key',
  name: 'Exact name',
  normalized: 'Same name',
  alias: 'Known alias',
  fuzzy: 'Similar name',
  none: 'No match',
};

/** What each planned outcome is called. */
export const OUTCOME_LABELS: { readonly [O in ImportOutcomeName]: string } = {
  create: 'Create',
  update: 'Update',
  unchanged: 'Unchanged',
  skip: 'Skip',
  error: 'Error',
  ambiguous: 'Ambiguous',
  duplicate: 'Duplicate in file',
  'not-found': 'Not found',
  pending: 'Not matched yet',
};

/** The tone of an outcome (its colour). */
export function outcomeTone(outcome: ImportOutcomeName): 'good' | 'neutral' | 'bad' | 'warn' {
  switch (outcome) {
    case 'create':
    case 'update':
      return 'good';
    case 'unchanged':
    case 'skip':
    case 'pending':
      return 'neutral';
    case 'duplicate':
    case 'ambiguous':
      return 'warn';
    case 'error':
    case 'not-found':
      return 'bad';
  }
}

/** The planned outcomes that fail. */
export const FAILING: ReadonlyArray<ImportOutcomeName> = ['error', 'ambiguous', 'duplicate', 'not-found'];

/** "85 %" */
export function percent(value: number): string {
  return `${Math.round(value * 100)} %`;
}

const TYPE_LABELS: Readonly<Record<string, string>> = {
  id: 'Pipedrive ID',
  varchar: 'text',
  varchar_auto: 'text',
  text: 'long text',
  phone: 'phone',
  double: 'number',
  int: 'whole number',
  monetary: 'amount',
  date: 'date',
  daterange: 'date range',
  datetime: 'date and time',
  time: 'time',
  timerange: 'time range',
  enum: 'option',
  set: 'options',
  user: 'user',
  org: 'organization',
  people: 'person',
  address: 'address',
  visible_to: 'visibility',
  boolean: 'yes / no',
};

/** What a value type is called on screen ("whole number", "option"). */
export function typeLabel(type: string): string {
  return TYPE_LABELS[type] ?? type;
}

/**
 * The choices with every mapped column's reading settings pinned to what was used (detected or
 * chosen). An import's failed rows, read again on their own, are too few for detection to decide
 * (one "02/11/2015" is ambiguous); they must be read exactly as the whole file was.
 */
export function pinSettings(
  choices: ImportChoicesView,
  columns: ReadonlyArray<ImportColumnSummaryView>,
): ImportChoicesView {
  const settings = { ...choices.settings };
  for (const column of columns) {
    if (column.target === null || column.settings === null) continue;
    const { dateOrder, ...rest } = column.settings;
    settings[column.column] = {
      ...rest,
      ...(dateOrder === 'ambiguous' ? {} : { dateOrder }),
      ...choices.settings[column.column],
    };
  }
  return { ...choices, settings };
}
