/**
 * Export's half of the value round trip: organizations → readable spreadsheet columns that the
 * importer maps back exactly (see `shared/values/` for the other half).
 */
export { buildExportColumns, createExportContext, exportHeaderTargets } from './columns.ts';
export type { ExportColumn, ExportColumnOptions, ExportContext, ExportKind, ExportValue } from './columns.ts';
export { toCsvCell } from './csv-cell.ts';
export { fieldHeaders, ID_HEADER, uniqueHeaders } from './headers.ts';
