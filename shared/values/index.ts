/**
 * The value module (design.md, "Values"): spreadsheet cell → field value for import, shared by the
 * preview and the import job. Export's inverse lives in `shared/export/`.
 */
export { ADDRESS_PART_LABELS, buildAddress, compileAddressBuilder, joinAddressParts } from './address.ts';
export { assembleWrite, checkCreate } from './assemble.ts';
export type { AssembleInput, AssembleMode, AssembleResult } from './assemble.ts';
export { compileAssembler } from './compile-assembler.ts';
export type { CompiledAssembly } from './compile-assembler.ts';
export { coerceCell } from './coerce.ts';
export { compileCoerce, compileQuickCoerce, NOT_QUICK } from './compile-coerce.ts';
export type { QuickCoerce } from './compile-coerce.ts';
export { createCoerceContext, indexOptions, indexUsers } from './context.ts';
export type { CoerceContext, CoerceContextInput, OptionIndex, UserIndex } from './context.ts';
export { currencyCode, parseCurrencyCell, splitCurrency } from './currency.ts';
export { dayToSerial, serialToDay } from './dates.ts';
export { detectColumnSettings } from './detect.ts';
export type { DetectedSettings } from './detect.ts';
export { bodyKey, partsOf, readRaw, valueType } from './fields.ts';
export type { ValueType } from './fields.ts';
export { parseNumberText } from './numbers.ts';
export { sameFieldValue, sameValue } from './same-value.ts';
export { DEFAULT_COLUMN_SETTINGS } from './types.ts';
export type {
  AssembleError,
  CellInput,
  CellValue,
  CoerceResult,
  ColumnSettings,
  DateOrder,
  MonetaryAmount,
  RangeCell,
  ThousandsSeparator,
} from './types.ts';
