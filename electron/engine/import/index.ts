/**
 * The import engine: a file opened for import (`openImport`), its preview under the user's choices
 * (`previewImport`, `getPreviewRows`, `editCell`), the matching index (`loadOrgIndex`), the job spec
 * (`buildImportSpec`), and the profile and mapping-memory stores in the data folder. The import job
 * itself is in `../jobs/import/`; it converts and plans rows with the same functions as the preview.
 */
export { proposedProfile, uncertainColumns, type UncertainColumn } from './auto-mapping.ts';
export { loadCatalog, needsUsers, type LoadCatalogOptions } from './catalog.ts';
export {
  MATCHABLE_TYPES,
  resolveChoices,
  type ChoiceIssue,
  type ImportChoices,
  type ResolvedChoices,
} from './choices.ts';
export {
  createRowConverter,
  describeCellError,
  displayCell,
  type ConverterInput,
  type MappedColumn,
  type RowConverter,
} from './convert.ts';
export { COSTS, estimateCost, type CostInput, type TokenCost } from './cost.ts';
export { dryRunReport, type DryRunReport } from './dry-run.ts';
export {
  buildImportSpec,
  hashFile,
  importSpecSchema,
  parseImportSpec,
  sessionEdits,
  specMapping,
  specMatch,
  type CellEdit,
  type ImportSpec,
} from './import-spec.ts';
export { MappingMemoryStore, MAPPING_MEMORY_FILE } from './mapping-memory-store.ts';
export { describeMatch, matchKeyOf, normalizeMatchText } from './match-key.ts';
export {
  indexListParams,
  loadIndexForChoices,
  loadOrgIndex,
  OrgIndex,
  writtenKeys,
  type OrgIndexRequest,
} from './org-index.ts';
export { changedPart, DuplicateGroups, planRow, type PlanContext } from './plan.ts';
export {
  editCell,
  getPreviewRows,
  previewImport,
  summarizePreview,
  type ColumnSummary,
  type ImportPreview,
  type OutcomeCounts,
  type PreviewOptions,
  type PreviewPage,
} from './preview.ts';
export type { PreviewRow } from './preview-rows.ts';
export {
  ProfileStore,
  ProfileStoreError,
  profileId,
  type BrokenProfile,
  type StoredProfile,
} from './profile-store.ts';
export { FAILED_REPORT_COLUMNS, reportColumnsOf, SUCCEEDED_REPORT_COLUMNS } from './report-columns.ts';
export {
  closeImport,
  ImportSession,
  openImport,
  type FirstPreview,
  type FirstProposal,
  type ImportFileInfo,
  type ImportReadOptions,
  type OpenImportOptions,
} from './session.ts';
export {
  FAILING_OUTCOMES,
  type CellError,
  type CellNote,
  type ColumnMap,
  type ConvertedRow,
  type EmptyCells,
  type ImportCatalog,
  type ImportMode,
  type PlannedOutcome,
  type RowPlan,
} from './types.ts';
