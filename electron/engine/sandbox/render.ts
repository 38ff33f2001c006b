/**
 * Stored organizations → the v2 wire shape (reference §2.4, §2.4a), with the list/get options:
 * include_fields extras, a custom_fields selection, option labels.
 */
import { ADDRESS_PARTS, type CustomFieldValue, type OrgAddress } from '../../../shared/model.ts';
import { orgCounters } from './counters.ts';
import type { FieldDef, OrgRecord } from './types.ts';

/** RFC 3339 with second precision, as the v2 API writes times ("2024-07-01T05:46:33Z"). */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** The part of the account rendering needs. */
export interface RenderContext {
  /** Custom fields in display order. */
  customFields: ReadonlyArray<FieldDef>;
  fieldsByKey: ReadonlyMap<string, FieldDef>;
  companyDomain: string;
}

/** What the request asked to see. */
export interface RenderOptions {
  /** include_fields: counters, smart_bcc_email and the 2026 system fields. */
  include: ReadonlySet<string>;
  /** custom_fields selector; null = all custom fields. */
  customKeys: ReadonlyArray<string> | null;
  optionLabels: boolean;
  includeLabels: boolean;
}

/** The default: what a plain GET returns. */
export const PLAIN_RENDER: RenderOptions = {
  include: new Set(),
  customKeys: null,
  optionLabels: false,
  includeLabels: false,
};

const OPTIONAL_SYSTEM = ['website', 'linkedin', 'industry', 'annual_revenue', 'employee_count'] as const;

/** A full address object: every part present, null where unknown. */
export function renderAddress(address: OrgAddress | null): OrgAddress | null {
  if (!address) return null;
  const out: OrgAddress = { value: address.value };
  for (const part of ADDRESS_PARTS) out[part] = address[part] ?? null;
  return out;
}

function optionLabel(def: FieldDef | undefined, id: number): { id: number; label: string } {
  const label = def?.options?.find((o) => o.id === id)?.label ?? '';
  return { id, label };
}

function renderCustomValue(
  def: FieldDef,
  value: CustomFieldValue | undefined,
  optionLabels: boolean,
): unknown {
  if (value === undefined || value === null) return null;
  if (optionLabels && def.type === 'enum' && typeof value === 'number') return optionLabel(def, value);
  if (optionLabels && def.type === 'set' && Array.isArray(value))
    return value.map((id) => optionLabel(def, id as number));
  if (def.type === 'address') return renderAddress(value as OrgAddress);
  if (typeof value === 'object') return Array.isArray(value) ? [...(value as number[])] : { ...value };
  return value;
}

/** One organization in the v2 shape. */
export function renderOrg(
  org: OrgRecord,
  ctx: RenderContext,
  opts: RenderOptions = PLAIN_RENDER,
): Record<string, unknown> {
  const custom: Record<string, unknown> = {};
  if (opts.customKeys) {
    for (const key of opts.customKeys) {
      const def = ctx.fieldsByKey.get(key);
      if (def) custom[key] = renderCustomValue(def, org.custom_fields[key], opts.optionLabels);
    }
  } else {
    for (const def of ctx.customFields)
      custom[def.key] = renderCustomValue(def, org.custom_fields[def.key], opts.optionLabels);
  }
  const out: Record<string, unknown> = {
    id: org.id,
    name: org.name,
    owner_id: org.owner_id,
    add_time: formatTime(org.add_time),
    update_time: formatTime(org.update_time),
    visible_to: org.visible_to,
    label_ids: [...org.label_ids],
    is_deleted: org.is_deleted,
    address: renderAddress(org.address),
    custom_fields: custom,
  };
  if (opts.includeLabels) {
    out.labels = org.label_ids.map((id) => optionLabel(ctx.fieldsByKey.get('label_ids'), id));
  }
  if (opts.include.size === 0) return out;
  for (const key of OPTIONAL_SYSTEM) {
    if (!opts.include.has(key)) continue;
    const value = org[key];
    out[key] =
      key === 'industry' && opts.optionLabels && typeof value === 'number'
        ? optionLabel(ctx.fieldsByKey.get('industry'), value)
        : value;
  }
  if (opts.include.has('smart_bcc_email'))
    out.smart_bcc_email = `${ctx.companyDomain}+o${org.id}@pipedrivemail.com`;
  const counters = orgCounters(org);
  for (const [key, value] of Object.entries(counters)) if (opts.include.has(key)) out[key] = value;
  return out;
}

/** Every property, as the control API hands organizations to tests (2026 fields included). */
export function renderOrgFull(org: OrgRecord, ctx: RenderContext): Record<string, unknown> {
  return structuredClone(renderOrg(org, ctx, { ...PLAIN_RENDER, include: new Set(OPTIONAL_SYSTEM) }));
}
