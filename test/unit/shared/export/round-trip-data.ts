/**
 * Seeded generator of organizations holding every field type with tricky values, and the write body
 * each one should re-import as. Used by the export → import round-trip test.
 */
import type {
  CustomFieldValue,
  OrgAddress,
  Organization,
  OrganizationWrite,
} from '../../../../shared/model.ts';
import { ADDRESS_PARTS } from '../../../../shared/model.ts';
import { FIELDS, INDUSTRIES, LABELS, REGIONS, TIERS } from '../values/fixtures.ts';

/** A small seeded PRNG (mulberry32), so a failure can be replayed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One-line texts that are hard for spreadsheets and CSV: separators, quotes, formulas, scripts. */
const LINE_TEXTS = [
  'Acme, Inc.',
  'He said "hello"',
  '=1+1',
  '+372 5555 1234',
  '-minus',
  '@mention',
  '=HYPERLINK("http://x","y")',
  "'90s revival",
  "'=already quoted",
  'Müller & Söhne GmbH',
  'Société Générale',
  '東京都渋谷区',
  '北京 Beijing',
  'Ünïcödé ñ',
  '00123',
  '1e5',
  'TRUE',
  '2024-01-01',
  '#12 (deleted option)',
  'semi;colon',
  'tab\tinside',
  'emoji 🚀 team 👨‍👩‍👧',
  'x'.repeat(255),
];

/** Multi-line and whitespace-edged texts, only for long-text fields (which keep text exactly). */
const LONG_TEXTS = [
  'line 1\nline 2',
  '  indented\r\n\ttabbed  ',
  '\t=tab formula',
  ' -x',
  '"quoted"\n, and comma',
  'é'.repeat(5000),
];

/** Names of the fixture fields to their keys. */
const KEY = new Map(FIELDS.map((f) => [`${f.custom ? 'c:' : ''}${f.name}`, f.key]));
function key(name: string): string {
  const found = KEY.get(`c:${name}`);
  if (!found) throw new Error(name);
  return found;
}

export function makeOrganizations(count: number, seed: number): Organization[] {
  const rnd = random(seed);
  const pick = <T>(items: ReadonlyArray<T>): T => items[Math.floor(rnd() * items.length)] as T;
  const maybe = <T>(make: () => T): T | null => (rnd() < 0.2 ? null : make());
  const subset = <T>(items: ReadonlyArray<T>): T[] => items.filter(() => rnd() < 0.4).sort(() => rnd() - 0.5);
  const line = (): string => pick(LINE_TEXTS);
  const day = (): string =>
    new Date(Date.UTC(1950, 0, 1) + Math.floor(rnd() * 36_500) * 86_400_000).toISOString().slice(0, 10);
  const time = (): string =>
    [24, 60, 60].map((n) => String(Math.floor(rnd() * n)).padStart(2, '0')).join(':');
  const double = (): number =>
    pick([0, -0.5, 1234.56, 1e21, 1.5e-7, 123.456, 1_000_000, -42, 3.14159, Math.round(rnd() * 1e8) / 100]);
  const int = (): number => pick([0, 1, 999, 1000, 1234, 1_500_000, -3, Math.floor(rnd() * 1e6)]);
  const address = (): OrgAddress => {
    const out: OrgAddress = {
      value: pick([...LINE_TEXTS.slice(0, 14), 'Av. Gustave Eiffel, 75007 Paris, France']),
    };
    for (const part of ADDRESS_PARTS)
      if (rnd() < 0.5)
        out[part] = pick([
          '12',
          'Rue de Rivoli',
          'Apt 4',
          'Paris',
          '75007',
          'Île-de-France',
          'France',
          '東京',
          'São Paulo, SP',
        ]);
    return out;
  };
  const orgs: Organization[] = [];
  for (let i = 0; i < count; i += 1) {
    const [start = '', end = ''] = rnd() < 0.2 ? [day(), ''].fill(day()) : [day(), day()].sort();
    const from = time();
    const custom: Record<string, CustomFieldValue> = {
      [key('Tagline')]: maybe(line),
      [key('Segment code')]: maybe(line),
      [key('Notes')]: maybe(() => pick([...LONG_TEXTS, ...LINE_TEXTS])),
      [key('Phone')]: maybe(() => pick(['+372 5555 1234', '(030) 1234-567', '-', '0044 20 7946 0018'])),
      [key('Score')]: maybe(double),
      [key('Seats')]: maybe(int),
      [key('Budget')]: maybe(() => ({
        value: double(),
        currency: pick(['EUR', 'USD', 'JPY', 'GBP', 'CHF']),
      })),
      [key('Renewal date')]: maybe(day),
      [key('Contract period')]: maybe(() => ({ value: start, until: end })),
      [key('Call time')]: maybe(() => ({ value: time(), timezone_id: 318, timezone_name: 'Europe/London' })),
      [key('Office hours')]: maybe(() => ({ value: from, until: time(), timezone_name: 'Europe/Tallinn' })),
      [key('Tier')]: maybe(() => pick(TIERS).id),
      [key('Regions')]: maybe(() => [pick(REGIONS).id, ...subset(REGIONS).map((o) => o.id)]),
      [key('Account manager')]: maybe(() => pick([1, 2, 5, 6, 7])),
      [key('Parent org')]: maybe(() => 1 + Math.floor(rnd() * 10_000)),
      [key('Main contact')]: maybe(() => 1 + Math.floor(rnd() * 10_000)),
      [key('Billing address')]: maybe(address),
      [key('Active customer')]: maybe(() => rnd() < 0.5),
      [key('Website')]: maybe(() => pick(['https://example.com/a?b=1,2', 'www.acme.de', line()])),
    };
    const regions = custom[key('Regions')];
    if (Array.isArray(regions)) custom[key('Regions')] = [...new Set(regions)];
    orgs.push({
      id: 1000 + i,
      name: line(),
      owner_id: pick([1, 2, 5, 6, 7]),
      add_time: '2024-07-01T05:46:33Z',
      update_time: '2024-07-02T11:29:32Z',
      is_deleted: false,
      visible_to: pick([1, 3, 5, 7]),
      label_ids: [...new Set(subset(LABELS).map((o) => o.id))],
      address: maybe(address),
      website: maybe(line),
      linkedin: maybe(() => 'https://www.linkedin.com/company/acme'),
      industry: maybe(() => pick(INDUSTRIES).id),
      annual_revenue: maybe(double),
      employee_count: maybe(() => Math.abs(int())),
      people_count: Math.floor(rnd() * 50),
      custom_fields: custom,
    });
  }
  return orgs;
}

/** The address as a write sends it: the value and the non-empty parts. */
function writtenAddress(address: OrgAddress | null | undefined): OrgAddress | null {
  if (!address?.value) return null;
  const out: OrgAddress = { value: address.value };
  for (const part of ADDRESS_PARTS) if (address[part]) out[part] = address[part];
  return out;
}

/** What re-importing an organization's export with `emptyCells: 'clear'` must send: all its writable values. */
export function expectedBody(org: Organization): OrganizationWrite {
  const custom: Record<string, CustomFieldValue> = {};
  for (const field of FIELDS.filter((f) => f.custom)) {
    const value = org.custom_fields[field.key] ?? null;
    if (value === null) custom[field.key] = null;
    else if (field.type === 'address') custom[field.key] = writtenAddress(value as OrgAddress);
    else if (field.type === 'time' || field.type === 'timerange') {
      // The time zone goes back by name (its own column); Pipedrive works out the id.
      const {
        value: from,
        until,
        timezone_name,
      } = value as {
        value: string;
        until?: string;
        timezone_name?: string;
      };
      custom[field.key] = {
        value: from,
        ...(until === undefined ? {} : { until }),
        ...(timezone_name ? { timezone_name } : {}),
      };
    } else custom[field.key] = value;
  }
  return {
    name: org.name,
    owner_id: org.owner_id,
    visible_to: org.visible_to,
    label_ids: org.label_ids,
    address: writtenAddress(org.address),
    website: org.website ?? null,
    linkedin: org.linkedin ?? null,
    industry: org.industry ?? null,
    annual_revenue: org.annual_revenue ?? null,
    employee_count: org.employee_count ?? null,
    custom_fields: custom,
  };
}
