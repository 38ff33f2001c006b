/**
 * What each tour presets on the real screen, as pure functions: the import's mode, the export's
 * remembered settings, the organizations the delete tour ticks. The screens then run as they always do.
 */
import type { ImportChoicesView } from '../../../../shared/ipc-import.ts';
import type { OrgField } from '../../../../shared/model.ts';
import type { ExportSettings } from '../export/export-settings.ts';
import { fieldItems } from '../export/field-choice.ts';

/**
 * The sample import's starting choices: columns auto-mapped (an empty mapping leaves every column to
 * the auto-mapping), and "create or update by name" so running the tour twice updates the same
 * organizations instead of adding them again, and the file's duplicate row is caught. Unchanged rows are
 * sent anyway: a second run of the tour would otherwise have nothing to import and stop at a disabled
 * Import button.
 */
export const SAMPLE_IMPORT_CHOICES: ImportChoicesView = {
  mapping: {},
  settings: {},
  mode: 'upsert',
  match: 'name',
  emptyCells: 'skip',
  updateUnchanged: true,
};

/** How many organizations the delete tour ticks. */
export const DELETE_TOUR_COUNT = 5;

/**
 * The export tour's settings: Excel, every field of the company (counters included: "everything"),
 * every organization (no owner, filter or date range), oldest first. Other connections' choices stay.
 */
export function exportEverything(
  current: ExportSettings,
  profileId: string,
  fields: ReadonlyArray<OrgField>,
): ExportSettings {
  const keys = fieldItems(fields).map((item) => item.field.key);
  return {
    ...current,
    format: 'xlsx',
    sort: 'id',
    updatedFrom: '',
    updatedTo: '',
    connections: {
      ...current.connections,
      [profileId]: { fields: { chosen: keys, known: keys }, ownerId: null, filterId: null },
    },
  };
}
