/**
 * Bulk delete, before the job: where the IDs come from (pasted text, a file column, a filter, a saved
 * selection) and the preview the confirmation shows. The job itself is in `../jobs/delete/`.
 */
export { dedupeIds, parseIdCell, parseIdText, type DedupedIds, type IdTokenResult } from './id-token.ts';
export { describeJunk, parsePastedIds, type IdJunk, type PastedIds } from './pasted-ids.ts';
export {
  chooseColumn,
  describeFileProblems,
  IdSourceError,
  readIdsFromFile,
  type FileIdProblem,
  type FileIds,
  type ReadIdsOptions,
} from './file-ids.ts';
export {
  fieldMatches,
  organizationMatcher,
  resolveSelection,
  type FieldValueCriterion,
  type ResolvedSelection,
  type ResolveOptions,
  type SelectionCriteria,
} from './selection.ts';
export {
  SelectionNotFoundError,
  SelectionStore,
  selectionFileName,
  selectionsDir,
  type SavedSelection,
  type SavedSelectionInfo,
} from './saved-selections.ts';
export {
  estimateDeleteCost,
  fetchOrganizations,
  previewDelete,
  type DeleteCostEstimate,
  type DeletePreview,
  type PreviewOptions,
  type PreviewRow,
  type PreviewStatus,
} from './preview.ts';
export { formatPreviewText, type PreviewTextOptions } from './preview-text.ts';
