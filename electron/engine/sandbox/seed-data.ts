/**
 * The seeded demo account: company, users (one inactive, one deleted), saved filters, fields, and
 * realistic organizations — names in many scripts, addresses, every custom field type mostly filled,
 * values that break naive CSV handling, and some empty fields.
 */
import { ADDRESS_PARTS, type CustomFieldValue, type OrgAddress } from '../../../shared/model.ts';
import { buildFields } from './fields.ts';
import { hash32, Rng } from './prng.ts';
import {
  CURRENCIES,
  NAME_LOCALES,
  NOTE_SENTENCES,
  TIMEZONES,
  TRICKY_TEXTS,
  type NameLocale,
  type Place,
} from './seed-words.ts';
import type { AccountData, FieldDef, FilterDef, OrgRecord, UserRecord } from './types.ts';

/** Seeded timestamps lie in the five years before this instant, so the data is the same on every run. */
export const SEED_ANCHOR = Date.UTC(2026, 0, 1);
const SPAN = 5 * 365 * 86_400_000;
const DAY = 86_400_000;

const user = (
  id: number,
  name: string,
  email: string,
  extra: Partial<UserRecord> & Pick<UserRecord, 'timezone_name' | 'timezone_offset' | 'locale'>,
): UserRecord => ({
  id,
  name,
  email,
  phone: null,
  default_currency: 'EUR',
  lang: 1,
  activated: true,
  last_login: '2025-12-30 08:45:56',
  created: '2021-03-01 09:16:26',
  modified: '2025-12-30 08:45:56',
  has_created_company: id === 1,
  access: [
    {
      app: 'sales',
      admin: id === 1,
      permission_set_id: `62cc4d7f-4038-4352-abf3-a8c1c822b6${String(id).padStart(2, '0')}`,
    },
  ],
  active_flag: true,
  role_id: id === 1 ? 1 : 2,
  icon_url: null,
  is_deleted: false,
  ...extra,
});

/** The company's users: six active, one deactivated, one deleted (owner mapping must skip the last two). */
function buildUsers(): UserRecord[] {
  const cet = { timezone_name: 'Europe/Berlin', timezone_offset: '+01:00' };
  return [
    user(1, 'Alex Morgan', 'alex.morgan@orgport-sandbox.example', {
      ...cet,
      locale: 'en_US',
      phone: '+372 5555 0101',
    }),
    user(2, 'Maria Müller', 'maria.mueller@orgport-sandbox.example', { ...cet, locale: 'de_DE' }),
    user(3, 'Jean-Luc Béranger', 'jl.beranger@orgport-sandbox.example', { ...cet, locale: 'fr_FR' }),
    user(4, 'Олена Коваленко', 'olena.kovalenko@orgport-sandbox.example', {
      timezone_name: 'Europe/Kyiv',
      timezone_offset: '+02:00',
      locale: 'uk_UA',
    }),
    user(5, '佐藤 花子', 'hanako.sato@orgport-sandbox.example', {
      timezone_name: 'Asia/Tokyo',
      timezone_offset: '+09:00',
      locale: 'ja_JP',
      default_currency: 'JPY',
    }),
    user(6, 'Sam Taylor', 'Sam.Taylor@orgport-sandbox.example', {
      timezone_name: 'America/New_York',
      timezone_offset: '-05:00',
      locale: 'en_US',
      default_currency: 'USD',
    }),
    user(7, "Pat O'Brien", 'pat.obrien@orgport-sandbox.example', {
      ...cet,
      locale: 'en_GB',
      active_flag: false,
      activated: false,
      last_login: '2024-02-11 17:02:12',
    }),
    user(8, 'Chris Former', 'chris.former@orgport-sandbox.example', {
      ...cet,
      locale: 'en_US',
      active_flag: false,
      activated: false,
      is_deleted: true,
      last_login: '2023-06-01 10:00:00',
    }),
  ];
}

/** The saved filters usable as `filter_id`. */
function buildFilters(): FilterDef[] {
  return [
    { id: 1, name: 'Has open deals', condition: { kind: 'open_deals' } },
    { id: 2, name: 'Owned by Maria Müller', condition: { kind: 'owner', owner_id: 2 } },
    { id: 3, name: 'Label: Customer', condition: { kind: 'label', label_id: 1 } },
    { id: 4, name: 'Based in Germany', condition: { kind: 'country', country: 'Germany' } },
  ];
}

/** The whole account except its organizations; depends only on the seed. */
export function buildAccount(seed: number): AccountData {
  return {
    company: {
      id: 7_654_321,
      name: 'Orgport Sandbox Ltd',
      domain: 'orgport-sandbox',
      country: 'EE',
      industry: 'Software',
    },
    users: buildUsers(),
    currentUserId: 1,
    fields: buildFields(seed),
    filters: buildFilters(),
  };
}

const fillDigits = (rng: Rng, pattern: string): string => {
  let out = '';
  for (const ch of pattern) out += ch === '#' ? String(rng.int(0, 9)) : ch;
  return out;
};
/** YYYY-MM-DD from parts (day ≤ 28, so always a real date) without a Date object: seeding makes many. */
const ymd = (y: number, m: number, d: number): string => `${y}-${pad2(m)}-${pad2(d)}`;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const pad2 = (n: number): string => String(n).padStart(2, '0');
const asciiSlug = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();

const ADDRESS_NULLS = ADDRESS_PARTS.map((k) => [k, null] as const);

/** A street address in a place; sometimes only the free-text value, as users often type it. */
export function makeAddress(rng: Rng, place: Place): OrgAddress {
  const street = rng.pick(place.streets);
  const number = String(rng.int(1, 250));
  const postal = fillDigits(rng, place.postal);
  const line = place.numberAfter ? `${street} ${number}` : `${number} ${street}`;
  const value = place.numberAfter
    ? `${line}, ${postal} ${place.city}, ${place.country}`
    : `${line}, ${place.city}, ${place.region} ${postal}, ${place.country}`;
  if (rng.chance(0.1)) {
    return { value, ...Object.fromEntries(ADDRESS_NULLS) };
  }
  return {
    value,
    street_number: number,
    route: street,
    subpremise: rng.chance(0.15) ? rng.pick(['Apt 4B', '3. OG', 'Suite 210', 'Bâtiment C']) : null,
    sublocality: null,
    locality: place.city,
    admin_area_level_1: place.region,
    admin_area_level_2: null,
    country: place.country,
    postal_code: postal,
    formatted_address: value,
  };
}

/** The generation context that persists across calls, so added batches stay unique and valid. */
export interface SeedContext {
  account: AccountData;
  seed: number;
  /** How often each generated base name was used; later uses get a branch number ("… 2"). */
  names: Map<string, number>;
  /** Names already given, for the deliberate duplicates real accounts have. */
  nameList: string[];
}

const LOCALE_WEIGHTS = NAME_LOCALES.map((l) => [l, l.weight] as const);

/** A value for one custom field, or undefined for "left empty". */
function customValue(
  rng: Rng,
  def: FieldDef,
  id: number,
  place: Place,
  activeUsers: ReadonlyArray<UserRecord>,
): CustomFieldValue | undefined {
  const fill = def.type === 'text' ? 0.5 : 0.78;
  if (!rng.chance(fill)) return undefined;
  const country = place.country;
  const options = def.options ?? [];
  switch (def.type) {
    case 'varchar':
      if (def.name === 'Website')
        return rng.chance(0.2) ? rng.pick(TRICKY_TEXTS) : `https://shop-${id}.example/`;
      if (def.name === 'VAT number') return `${country.slice(0, 2).toUpperCase()}${String(100_000_000 + id)}`;
      if (def.name.startsWith('Région')) return place.region;
      return rng.pick(TRICKY_TEXTS);
    case 'varchar_auto':
      return rng.chance(0.1) ? rng.pick(TRICKY_TEXTS) : `C-${String(id).padStart(6, '0')}`;
    case 'text': {
      const n = rng.int(1, 3);
      return Array.from({ length: n }, () => rng.pick(NOTE_SENTENCES)).join(rng.chance(0.5) ? '\n' : ' ');
    }
    case 'phone':
      return fillDigits(rng, rng.pick(NAME_LOCALES).phone);
    case 'double':
      return rng.chance(0.1) ? -rng.int(1, 500) / 4 : Math.round(rng.next() * 850_000) / 1000;
    case 'monetary':
      return { value: rng.int(0, 200_000_000) / 100, currency: rng.pick(CURRENCIES) };
    case 'date':
      return ymd(rng.int(1850, 2025), rng.int(1, 12), rng.int(1, 28));
    case 'daterange': {
      const start = Date.UTC(rng.int(2023, 2026), rng.int(0, 11), rng.int(1, 28));
      return { value: iso(start), until: iso(start + rng.int(30, 1095) * DAY) };
    }
    case 'time': {
      const [tz, tzId] = rng.pick(TIMEZONES);
      return {
        value: `${pad2(rng.int(7, 18))}:${rng.pick(['00', '15', '30', '45'])}:00`,
        timezone_id: tzId,
        timezone_name: tz,
      };
    }
    case 'timerange': {
      const [tz, tzId] = rng.pick(TIMEZONES);
      const from = rng.int(6, 11);
      return {
        value: `${pad2(from)}:00:00`,
        until: `${pad2(from + rng.int(4, 10))}:${rng.pick(['00', '30'])}:00`,
        timezone_id: tzId,
        timezone_name: tz,
      };
    }
    case 'enum':
      return rng.pick(options).id;
    case 'set':
      return rng.sample(options, rng.int(1, 3)).map((o) => o.id);
    case 'user':
      return rng.pick(activeUsers).id;
    case 'org':
      return id > 1 ? rng.int(1, id - 1) : undefined;
    case 'people':
      return rng.int(1, 20_000);
    case 'address':
      return makeAddress(rng, rng.chance(0.7) ? place : rng.pick(rng.pick(NAME_LOCALES).places));
    default:
      return undefined;
  }
}

/** A unique organization name (real accounts have duplicates too: about 1 in 100 repeats one on purpose). */
function makeName(rng: Rng, ctx: SeedContext, locale: NameLocale): { name: string; core: string } {
  const earlier = ctx.nameList.length > 0 && rng.chance(0.01) ? rng.pick(ctx.nameList) : undefined;
  if (earlier !== undefined) return { name: earlier, core: '' };
  const core = rng.pick(locale.cores);
  const base = rng.pick(locale.templates).replace('{c}', core).replace('{t}', rng.pick(locale.trades));
  // Templates never end in " <number>", so "<base> <n>" cannot collide with another base.
  const used = ctx.names.get(base) ?? 0;
  ctx.names.set(base, used + 1);
  const name = used === 0 ? base : `${base} ${used + 1}`;
  ctx.nameList.push(name);
  return { name, core };
}

const slugCache = new Map<string, string>();
/** An ASCII slug of a name word (cached: Unicode normalisation is slow and words repeat). */
function slugOf(word: string): string {
  let slug = slugCache.get(word);
  if (slug === undefined) {
    slug = asciiSlug(word);
    slugCache.set(word, slug);
  }
  return slug;
}

const LABEL_COUNT_WEIGHTS = [
  [0, 50],
  [1, 35],
  [2, 15],
] as const;
const VISIBILITY_WEIGHTS = [
  [3, 80],
  [1, 12],
  [5, 4],
  [7, 4],
] as const;

/** A company size: mostly small, some mid-sized, a few large. */
function employeeCount(rng: Rng): number {
  const roll = rng.next();
  if (roll < 0.4) return rng.int(1, 9);
  if (roll < 0.85) return rng.int(10, 249);
  return rng.int(250, 20_000);
}

const OWNER_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [1, 30],
  [2, 20],
  [3, 15],
  [4, 10],
  [5, 10],
  [6, 8],
  [7, 7], // the deactivated user still owns organizations, as after someone leaves
];

/**
 * Generates `count` organizations with ids from `firstId`. Output depends only on the seed and
 * `firstId`, so the same call always makes the same organizations.
 */
export function generateOrganizations(ctx: SeedContext, firstId: number, count: number): OrgRecord[] {
  const rng = new Rng(hash32(ctx.seed, firstId));
  const fields = ctx.account.fields;
  const custom = fields.filter((f) => f.custom);
  const industries = fields.find((f) => f.key === 'industry')?.options ?? [];
  const labels = fields.find((f) => f.key === 'label_ids')?.options ?? [];
  const activeUsers = ctx.account.users.filter((u) => u.active_flag && !u.is_deleted);
  const out: OrgRecord[] = [];
  const step = count > 0 ? SPAN / count : 0;
  let previousUpdate = SEED_ANCHOR - SPAN;
  for (let i = 0; i < count; i++) {
    const id = firstId + i;
    // Creation follows the id order with jitter, so sorting by add_time differs from sorting by id.
    const addTime = sec(
      Math.min(SEED_ANCHOR - 1000, SEED_ANCHOR - SPAN + i * step + rng.int(-3, 3) * 3_600_000),
    );
    // One in twenty shares its update time with an earlier one (a bulk edit), to exercise tie-breaking.
    const updateTime =
      rng.chance(0.05) && previousUpdate >= addTime
        ? previousUpdate
        : sec(addTime + rng.next() * (SEED_ANCHOR - addTime));
    previousUpdate = updateTime;
    const locale = rng.weighted(LOCALE_WEIGHTS);
    const place = rng.pick(locale.places);
    const { name, core } = makeName(rng, ctx, locale);
    const labelCount = rng.weighted(LABEL_COUNT_WEIGHTS);
    // Every key in the same order, null when empty: one object shape for all organizations keeps
    // V8 fast (optional keys would give each organization its own hidden class).
    const customFields: Record<string, CustomFieldValue> = {};
    for (const def of custom) customFields[def.key] = customValue(rng, def, id, place, activeUsers) ?? null;
    const slug = (): string => slugOf(core) || 'org';
    out.push({
      id,
      name,
      owner_id: rng.weighted(OWNER_WEIGHTS),
      add_time: addTime,
      update_time: Math.max(addTime, updateTime),
      is_deleted: false,
      visible_to: rng.weighted(VISIBILITY_WEIGHTS),
      label_ids: rng.sample(labels, labelCount).map((o) => o.id),
      address: rng.chance(0.85) ? makeAddress(rng, place) : null,
      website: rng.chance(0.6) ? `https://www.${slug().slice(0, 40)}-${id}.example` : null,
      linkedin: rng.chance(0.4) ? `https://www.linkedin.com/company/${slug().slice(0, 30)}-${id}` : null,
      industry: rng.chance(0.7) && industries.length > 0 ? rng.pick(industries).id : null,
      annual_revenue: rng.chance(0.5) ? rng.int(10, 500_000) * 1000 : null,
      employee_count: rng.chance(0.6) ? employeeCount(rng) : null,
      custom_fields: customFields,
      stats: rng.int(1, 0x7fff_ffff),
    });
  }
  return out;
}

/** Rounds down to whole seconds: the API shows second precision, so stored times match what clients see. */
export function sec(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
