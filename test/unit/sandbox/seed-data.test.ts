import { describe, expect, it } from 'vitest';
import { orgCounters } from '../../../electron/engine/sandbox/counters.ts';
import { renderFieldsV1, renderFieldV2 } from '../../../electron/engine/sandbox/fields.ts';
import {
  buildAccount,
  generateOrganizations,
  SEED_ANCHOR,
} from '../../../electron/engine/sandbox/seed-data.ts';
import type { OrgRecord } from '../../../electron/engine/sandbox/types.ts';

const account = buildAccount(1);
const orgs = generateOrganizations({ account, seed: 1, names: new Map(), nameList: [] }, 1, 2000);
const customDefs = account.fields.filter((f) => f.custom);
const allText = (org: OrgRecord): string[] => [
  org.name,
  ...Object.values(org.custom_fields).filter((v): v is string => typeof v === 'string'),
];

describe('demo account', () => {
  it('has custom fields of every type with 40-hex keys, and a custom "Website" next to the system one', () => {
    const types = new Set(customDefs.map((f) => f.type));
    for (const type of [
      'varchar',
      'varchar_auto',
      'text',
      'phone',
      'double',
      'monetary',
      'date',
      'daterange',
      'time',
      'timerange',
      'enum',
      'set',
      'user',
      'org',
      'people',
      'address',
    ]) {
      expect(types.has(type as never), type).toBe(true);
    }
    for (const f of customDefs) expect(f.key).toMatch(/^[0-9a-f]{40}$/);
    const websites = account.fields.filter((f) => f.name === 'Website');
    expect(websites.map((f) => f.custom).sort()).toEqual([false, true]);
  });

  it('lists the system fields, with labels as options of label_ids and optional-response counters', () => {
    const byKey = new Map(account.fields.map((f) => [f.key, f]));
    expect(byKey.get('label_ids')?.type).toBe('set');
    expect(byKey.get('label_ids')?.options?.length).toBeGreaterThan(3);
    expect(byKey.get('industry')?.options?.length).toBeGreaterThan(10);
    for (const key of [
      'website',
      'linkedin',
      'industry',
      'annual_revenue',
      'employee_count',
      'people_count',
      'open_deals_count',
    ]) {
      expect(byKey.get(key)?.optionalResponse, key).toBe(true);
    }
    expect(byKey.get('name')?.optionalResponse).toBe(false);
  });

  it('renders v1 fields with subfield entries and v2 fields with subfields', () => {
    const money = customDefs.find((f) => f.type === 'monetary');
    const v1 = renderFieldsV1(account.fields);
    const sub = v1.find((f) => f.key === `${money?.key}_currency`);
    expect(sub).toMatchObject({ id: null, is_subfield: true, parent_id: money?.v1Id, id_suffix: 'currency' });
    expect(v1.filter((f) => String(f.key).startsWith('address_'))).toHaveLength(10);
    expect(v1.find((f) => f.key === 'name')).toMatchObject({ edit_flag: false, mandatory_flag: true });
    const v2 = renderFieldV2(money ?? account.fields[0]!);
    expect(v2).toMatchObject({
      field_type: 'monetary',
      is_custom_field: true,
      is_optional_response_field: false,
    });
    expect((v2.subfields as Array<{ field_code: string }>).map((s) => s.field_code)).toEqual([
      'value',
      'currency',
    ]);
  });

  it('has users including a deactivated and a deleted one', () => {
    expect(account.users.some((u) => !u.active_flag && !u.is_deleted)).toBe(true);
    expect(account.users.some((u) => u.is_deleted)).toBe(true);
    expect(account.users.find((u) => u.id === account.currentUserId)?.active_flag).toBe(true);
  });
});

describe('demo organizations', () => {
  it('are the same for the same seed and different for another', () => {
    const again = generateOrganizations({ account, seed: 1, names: new Map(), nameList: [] }, 1, 2000);
    expect(again).toEqual(orgs);
    const other = generateOrganizations(
      { account: buildAccount(2), seed: 2, names: new Map(), nameList: [] },
      1,
      2000,
    );
    expect(other.map((o) => o.name)).not.toEqual(again.map((o) => o.name));
  });

  it('have names in many scripts', () => {
    const names = orgs.map((o) => o.name).join('\n');
    const scripts: Record<string, RegExp> = {
      latinAccents: /[äöüéèçñłşøå]/i,
      cyrillic: /\p{Script=Cyrillic}/u,
      greek: /\p{Script=Greek}/u,
      han: /\p{Script=Han}/u,
      hiragana: /\p{Script=Hiragana}/u,
      hangul: /\p{Script=Hangul}/u,
      arabic: /\p{Script=Arabic}/u,
      hebrew: /\p{Script=Hebrew}/u,
      devanagari: /\p{Script=Devanagari}/u,
      thai: /\p{Script=Thai}/u,
    };
    for (const [script, re] of Object.entries(scripts)) expect(re.test(names), script).toBe(true);
  });

  it('contain values that break naive CSV and spreadsheet handling', () => {
    const texts = orgs.flatMap(allText);
    for (const re of [/,/, /"/, /\n/, /^=/, /^\+/, /^@/, /^-/])
      expect(
        texts.some((t) => re.test(t)),
        String(re),
      ).toBe(true);
  });

  it('fill every custom field type for most organizations and leave some empty', () => {
    for (const def of customDefs) {
      const filled = orgs.filter((o) => o.custom_fields[def.key] !== null).length / orgs.length;
      expect(filled, def.name).toBeGreaterThan(def.type === 'text' ? 0.3 : 0.6);
      expect(filled, def.name).toBeLessThan(0.95);
    }
    expect(orgs.some((o) => o.address === null)).toBe(true);
    expect(orgs.some((o) => o.address !== null && o.address.route === null)).toBe(true);
  });

  it('have mostly unique names, with a few deliberate duplicates', () => {
    const dupes = orgs.length - new Set(orgs.map((o) => o.name)).size;
    expect(dupes).toBeGreaterThan(0);
    expect(dupes).toBeLessThan(orgs.length * 0.03);
  });

  it('have timestamps before the anchor, update after add, and realistic counters', () => {
    for (const o of orgs) {
      expect(o.add_time).toBeLessThan(SEED_ANCHOR);
      expect(o.update_time).toBeGreaterThanOrEqual(o.add_time);
      expect(o.add_time % 1000).toBe(0);
    }
    const withDeals = orgs.filter((o) => (orgCounters(o).open_deals_count ?? 0) > 0).length;
    expect(withDeals).toBeGreaterThan(orgs.length * 0.4);
    expect(withDeals).toBeLessThan(orgs.length * 0.8);
    expect(orgCounters({ stats: 0 })).toMatchObject({
      open_deals_count: 0,
      people_count: 0,
      followers_count: 1,
    });
  });
});
