/** Auto-mapping of spreadsheet columns to organization fields; see `auto-map.ts`. */
export { autoMap } from './auto-map.ts';
export type { AutoMapColumn, AutoMapOptions, ColumnMapping } from './auto-map.ts';
export type { Candidate, MatchMethod } from './candidates.ts';
export { buildFieldIndex, findCandidates } from './candidates.ts';
export { cleanHeader, compact } from './normalize.ts';
export { createMappingMemory, headerSignature, toRememberedMapping } from './signature.ts';
export type { MappingMemory, RememberedMapping } from './signature.ts';
export { describeTarget, partsOf, resolveTargetText, targetField } from './targets.ts';
export type { ResolvedTarget, UnresolvedTarget } from './targets.ts';
