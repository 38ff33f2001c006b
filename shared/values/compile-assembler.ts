/**
 * `compileAssembler`: `assembleWrite` worked out once for a fixed list of targets. An import
 * assembles every row under one mapping, so which field each column fills, how each field is put
 * together and where it goes in the body are decided when the mapping is, not per row.
 */
import type { MappingTarget } from '../mapping.ts';
import type { AddressPart, CustomFieldValue, OrgAddress, OrgField, OrganizationWrite } from '../model.ts';
import { compileAddressBuilder, isAddressPart } from './address.ts';
import {
  assembleField,
  BodyBuilder,
  checkCreate,
  clear,
  fieldIndex,
  isEmpty,
  isScalarValue,
  NO_PARTS,
  putKeyOf,
} from './assemble.ts';
import type { AssembleMode, PutKey, Slot } from './assemble.ts';
import { bodyKey, valueType } from './fields.ts';
import type { ValueType } from './fields.ts';
import type { AssembleError } from './types.ts';

/** How a compiled assembler handles a field, decided once from its type and the columns mapped to it. */
type Step =
  /** A problem every row has (unknown or read-only field, parts without the field). */
  | { readonly kind: 'fail'; readonly error: AssembleError }
  /** A plain field taking one column's value as it is. */
  | { readonly kind: 'scalar'; readonly field: OrgField; readonly put: PutKey; readonly main: number }
  | {
      readonly kind: 'address';
      readonly field: OrgField;
      readonly put: PutKey;
      readonly main: number;
      /** The column of the `value` part, or -1. */
      readonly text: number;
      readonly build: (value: string | null, values: ReadonlyArray<unknown>) => OrgAddress | null;
    }
  /** Compound fields (monetary, ranges, time): assembleField on a slot reused row after row. */
  | {
      readonly kind: 'slot';
      readonly key: string;
      readonly field: OrgField;
      readonly type: ValueType;
      readonly slot: Slot;
      readonly main: number;
      readonly parts: ReadonlyArray<{ readonly part: string; readonly column: number }>;
    };

/** What a compiled assembler gives for one row (the same as assembleWrite, errors read-only). */
export interface CompiledAssembly {
  readonly body: OrganizationWrite;
  readonly errors: ReadonlyArray<AssembleError>;
}

/** Rows without problems share this (frozen, so it can never be written to). */
const NO_ERRORS: ReadonlyArray<AssembleError> = Object.freeze([]);

/**
 * `assembleWrite` for one fixed list of targets, worked out once: `values[i]` is the value of
 * `targets[i]` (null for an empty cell). The result is exactly assembleWrite's for the same cells,
 * key order included; an import assembles every row under one mapping, and this skips building maps
 * and slots and looking up fields per row.
 */
export function compileAssembler(
  targets: ReadonlyArray<MappingTarget>,
  fields: ReadonlyArray<OrgField>,
  mode: AssembleMode,
): (values: ReadonlyArray<unknown>) => CompiledAssembly {
  const steps = compileSteps(targets, fields);
  const clearing = mode.emptyCells === 'clear';
  return (values) => {
    const out = new BodyBuilder();
    runSteps(steps, values, out, clearing, false);
    return { body: out.body, errors: out.errors ?? NO_ERRORS };
  };
}

/** What a compiled checker gives for one row: what assembleWrite and checkCreate would say of it. */
export interface CompiledCheck {
  /** assembleWrite's errors for the row, same messages in the same order. */
  readonly errors: ReadonlyArray<AssembleError>;
  /** `checkCreate` of the body assembleWrite would build (it must have a name). */
  readonly createError: AssembleError | null;
}

/**
 * `compileAssembler` for a caller that needs only the problems, not the body: the preview plans rows
 * before the organizations are known, and then only the errors and "has it a name" count. Work that
 * can never fail (building addresses, putting plain values) is skipped; everything that can fail is
 * done as the assembler does it, so the errors are exactly its errors.
 */
export function compileChecker(
  targets: ReadonlyArray<MappingTarget>,
  fields: ReadonlyArray<OrgField>,
  mode: AssembleMode,
): (values: ReadonlyArray<unknown>) => CompiledCheck {
  const steps = checkerSteps(targets, fields);
  const clearing = mode.emptyCells === 'clear';
  // One probe for every row: checking is synchronous, and each row's errors get a new array.
  const out = new NameProbe();
  return (values) => {
    out.reset();
    runSteps(steps, values, out, clearing, true);
    return { errors: out.errors ?? NO_ERRORS, createError: checkCreate(out.body) };
  };
}

/**
 * True when a compiled checker's verdict on a row whose values are all non-empty strings, numbers or
 * null depends only on which of them are null — given that the name, when present, is text that is not
 * blank, which the caller checks itself (`checkCreate` reads it). Every field is then a plain one, put
 * in as it is (no compound field); a field that is unknown or read-only fails every row, so no row is
 * ever clean under such a mapping. The preview then knows a clean row by its pattern of empty cells.
 */
export function checkedByEmptiness(
  targets: ReadonlyArray<MappingTarget>,
  fields: ReadonlyArray<OrgField>,
): boolean {
  return checkerSteps(targets, fields).every((step) => step.kind === 'scalar' || step.kind === 'fail');
}

/** The steps a checker runs: an address that does not go to the name is never built (it cannot fail). */
function checkerSteps(targets: ReadonlyArray<MappingTarget>, fields: ReadonlyArray<OrgField>): Step[] {
  return compileSteps(targets, fields).filter((step) => step.kind !== 'address' || isName(step.put));
}

/**
 * A body builder that keeps only the name, the one thing `checkCreate` reads; problems are kept as
 * any builder keeps them. Whatever else is put is dropped.
 */
class NameProbe extends BodyBuilder {
  override put(field: OrgField, value: CustomFieldValue): void {
    if (!field.custom && bodyKey(field) === 'name') super.put(field, value);
  }

  override putAt(at: PutKey, value: CustomFieldValue): void {
    if (isName(at)) super.putAt(at, value);
  }

  /** Ready for the next row: no name, no problems (the last row's array stays with that row). */
  reset(): void {
    this.errors = null;
    this.body.name = undefined;
  }
}

function isName(at: PutKey): boolean {
  return !at.custom && at.key === 'name';
}

/** Field steps in the order their first column comes: the order assembleWrite meets (and writes) them. */
function compileSteps(targets: ReadonlyArray<MappingTarget>, fields: ReadonlyArray<OrgField>): Step[] {
  const byKey = fieldIndex(fields);
  const plan = new Map<string, { main: number; parts: Map<string, number> }>();
  targets.forEach((target, column) => {
    if (target.kind === 'id') return;
    let entry = plan.get(target.key);
    if (!entry) {
      entry = { main: -1, parts: new Map() };
      plan.set(target.key, entry);
    }
    // The last column mapped to a field or part wins; the first one's place stays.
    if (target.kind === 'field') entry.main = column;
    else entry.parts.set(target.part, column);
  });
  return [...plan].map(([key, { main, parts }]) => compileStep(key, byKey.get(key), main, parts));
}

/**
 * One row through the steps. `checking`: only problems and the name matter (`out` is a NameProbe), so
 * a plain value is put only when it is the name, and a list is not copied.
 */
function runSteps(
  steps: ReadonlyArray<Step>,
  values: ReadonlyArray<unknown>,
  out: BodyBuilder,
  clearing: boolean,
  checking: boolean,
): void {
  for (const step of steps) {
    switch (step.kind) {
      case 'fail':
        out.fail(step.error.key, step.error.message);
        break;
      case 'scalar': {
        const value = values[step.main];
        if (isEmpty(value)) {
          if (clearing) clear(out, step.field);
        } else if (!isScalarValue(value))
          out.fail(step.field, `"${step.field.name}": unexpected value ${JSON.stringify(value)}`);
        else if (!checking) out.putAt(step.put, Array.isArray(value) ? [...value] : value);
        else if (isName(step.put)) out.putAt(step.put, value);
        break;
      }
      case 'address': {
        const main = step.main >= 0 ? values[step.main] : null;
        let text = typeof main === 'string' ? main : null;
        const part = step.text >= 0 ? values[step.text] : null;
        if (typeof part === 'string' && part !== '') text = part;
        const address = step.build(text, values);
        if (address) out.putAt(step.put, address);
        else if (clearing) clear(out, step.field);
        break;
      }
      case 'slot': {
        const { slot } = step;
        // Setting existing keys keeps the parts map's order: the order assembleWrite would give it.
        if (slot.main) slot.main.value = values[step.main];
        for (const { part, column } of step.parts) slot.parts.set(part, values[column]);
        assembleField(out, step.key, step.field, step.type, slot, clearing);
        break;
      }
    }
  }
}

/** Works out how one field of a compiled assembler is put together (see assembleField, its reference). */
function compileStep(
  key: string,
  field: OrgField | undefined,
  main: number,
  parts: ReadonlyMap<string, number>,
): Step {
  if (!field) return { kind: 'fail', error: { key, message: `"${key}" is not an organization field` } };
  if (!field.writable) {
    const message = `"${field.name}" is read-only in Pipedrive and cannot be imported`;
    return { kind: 'fail', error: { key: field.key, message } };
  }
  const type = valueType(field);
  const put = putKeyOf(field);
  if (type === 'address') {
    // Parts that are no address part are ignored by assembleAddress; so are they here.
    const named: { part: AddressPart; column: number }[] = [];
    for (const [part, column] of parts) if (isAddressPart(part)) named.push({ part, column });
    return {
      kind: 'address',
      field,
      put,
      main,
      text: parts.get('value') ?? -1,
      build: compileAddressBuilder(named),
    };
  }
  const compound = type === 'monetary' || type === 'daterange' || type === 'timerange' || type === 'time';
  if (!compound && main < 0) {
    const message = `"${field.name}" has no parts to map`;
    return { kind: 'fail', error: { key: field.key, message } };
  }
  if (!compound) return { kind: 'scalar', field, put, main };
  return {
    kind: 'slot',
    key,
    field,
    type,
    slot: {
      ...(main >= 0 ? { main: { value: null } } : {}),
      parts: parts.size > 0 ? new Map([...parts.keys()].map((part) => [part, null])) : NO_PARTS,
    },
    main,
    parts: [...parts].map(([part, column]) => ({ part, column })),
  };
}
