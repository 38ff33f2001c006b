/** The one sentence above the Start button that says what the export will do. */
import type { CsvDelimiter, SavedFilter } from '../../../../shared/ipc-export.ts';
import type { PipedriveUser } from '../../../../shared/model.ts';
import type { ExportFormat } from './export-settings.ts';

const DELIMITER_NAMES: Readonly<Record<CsvDelimiter, string>> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
};

const number = new Intl.NumberFormat();

/** What {@link describeExport} needs. */
export interface ExportDescription {
  readonly fields: number;
  readonly columns: number;
  readonly owner: PipedriveUser | null;
  readonly filter: SavedFilter | null;
  readonly updatedFrom: string;
  readonly updatedTo: string;
  readonly format: ExportFormat;
  readonly delimiter: CsvDelimiter;
}

/** E.g. "Exports 3 fields (4 columns with the ID) of the organizations owned by Maria Müller, as CSV separated by semicolons." */
export function describeExport(d: ExportDescription): string {
  const fields = `${number.format(d.fields)} field${d.fields === 1 ? '' : 's'}`;
  const columns = `${number.format(d.columns)} column${d.columns === 1 ? '' : 's'} with the ID`;
  const which = d.filter
    ? `the organizations matching the filter “${d.filter.name}”`
    : d.owner
      ? `the organizations owned by ${d.owner.name}`
      : 'all organizations';
  const range =
    d.updatedFrom && d.updatedTo
      ? `, updated from ${d.updatedFrom} to ${d.updatedTo}`
      : d.updatedFrom
        ? `, updated on or after ${d.updatedFrom}`
        : d.updatedTo
          ? `, updated on or before ${d.updatedTo}`
          : '';
  const format =
    d.format === 'xlsx' ? 'as an Excel workbook' : `as CSV separated by ${DELIMITER_NAMES[d.delimiter]}s`;
  return `Exports ${fields} (${columns}) of ${which}${range}, ${format}.`;
}
