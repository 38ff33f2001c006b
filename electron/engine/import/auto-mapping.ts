/**
 * When is an auto-mapping good enough to import without anyone looking at it? The CLI imports
 * without `--mapping` only then: every column is mapped with full confidence, or is one that is
 * meant not to be imported — a read-only field, a column Orgport's export writes for reading only
 * (the owner's name next to the owner's email), a column of Orgport's own reports.
 */
import type { ColumnMapping } from '../../../shared/automap/index.ts';
import { exportHeaderTargets } from '../../../shared/export/index.ts';
import { toMappingProfile } from '../../../shared/mapping-profile.ts';
import type { MappingProfile } from '../../../shared/mapping-profile.ts';
import type { MappingTarget } from '../../../shared/mapping.ts';
import type { OrgField } from '../../../shared/model.ts';
import type { ImportMode } from './types.ts';

/** A column whose auto-mapping needs a person's decision. */
export interface UncertainColumn {
  readonly column: string;
  readonly target: MappingTarget | null;
  readonly confidence: number;
  readonly note?: string;
}

/** The columns of an auto-mapping that are not certain (empty when it can be used as is). */
export function uncertainColumns(
  mapping: ReadonlyArray<ColumnMapping>,
  fields: ReadonlyArray<OrgField>,
  reportColumns: ReadonlyArray<string>,
): UncertainColumn[] {
  const exported = exportHeaderTargets(fields);
  return mapping
    .filter((m) => {
      if (m.target !== null) return m.confidence < 1;
      if (reportColumns.includes(m.column)) return false;
      if (exported.has(m.column) && exported.get(m.column) === null) return false;
      return m.confidence < 1;
    })
    .map((m) => ({
      column: m.column,
      target: m.target,
      confidence: m.confidence,
      ...(m.note === undefined ? {} : { note: m.note }),
    }));
}

/** The auto-mapping as a ready-to-save mapping profile (for the user to check and fix). */
export function proposedProfile(
  mapping: ReadonlyArray<ColumnMapping>,
  options: { readonly mode?: ImportMode; readonly match?: MappingTarget | null; readonly sheet?: string },
): MappingProfile {
  return toMappingProfile({
    columns: mapping.map((m) => ({ column: m.column, target: m.target })),
    ...(options.mode ? { mode: options.mode } : {}),
    ...(options.match ? { match: options.match } : {}),
    ...(options.sheet ? { sheet: options.sheet } : {}),
  });
}
