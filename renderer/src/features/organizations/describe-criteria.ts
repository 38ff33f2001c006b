/** A filter in words, for the selection's source in the delete report and a saved list's note. */
import type { BrowseCriteria } from '../../../../shared/ipc-delete.ts';
import type { SavedFilter } from '../../../../shared/ipc-export.ts';
import type { OrgField, PipedriveUser } from '../../../../shared/model.ts';

/** What a description can look names up in. */
export interface CriteriaNames {
  readonly fields: ReadonlyArray<OrgField>;
  readonly users: ReadonlyArray<PipedriveUser>;
  readonly filters: ReadonlyArray<SavedFilter>;
}

/** "all organizations" or e.g. `owner Maria Müller, label Customer, name contains "acme"`. */
export function describeCriteria(criteria: BrowseCriteria, names: CriteriaNames): string {
  const parts: string[] = [];
  if (criteria.nameContains) parts.push(`name contains "${criteria.nameContains}"`);
  if (criteria.ownerId !== undefined) {
    const owner = names.users.find((u) => u.id === criteria.ownerId);
    parts.push(`owner ${owner?.name ?? `#${criteria.ownerId}`}`);
  }
  if (criteria.labelId !== undefined) {
    const labels = names.fields.find(
      (f) => !f.custom && (f.key === 'label_ids' || f.key === 'label'),
    )?.options;
    parts.push(`label ${labels?.find((o) => o.id === criteria.labelId)?.label ?? `#${criteria.labelId}`}`);
  }
  if (criteria.updatedSince) parts.push(`updated since ${criteria.updatedSince.slice(0, 10)}`);
  if (criteria.filterId !== undefined) {
    const filter = names.filters.find((f) => f.id === criteria.filterId);
    parts.push(`saved filter ${filter ? `"${filter.name}"` : `#${criteria.filterId}`}`);
  }
  if (criteria.field) {
    const field = names.fields.find((f) => f.key === criteria.field?.key);
    const value = criteria.field.value === null ? 'empty' : `"${String(criteria.field.value)}"`;
    parts.push(`${field?.name ?? criteria.field.key} is ${value}`);
  }
  return parts.length === 0 ? 'all organizations' : parts.join(', ');
}
