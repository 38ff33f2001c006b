import { describe, expect, it } from 'vitest';
import { buildAccount, generateOrganizations } from '../../../electron/engine/sandbox/seed-data.ts';
import {
  lowerBound,
  OrgStore,
  PURGE_AFTER_MS,
  upperBound,
  type ListQuery,
  type SortDirection,
  type SortField,
} from '../../../electron/engine/sandbox/store.ts';
import type { OrgRecord } from '../../../electron/engine/sandbox/types.ts';

function seededStore(count: number): OrgStore {
  const account = buildAccount(7);
  const store = new OrgStore();
  store.load(generateOrganizations({ account, seed: 7, names: new Map(), nameList: [] }, 1, count));
  return store;
}

function pageAll(store: OrgStore, base: Omit<ListQuery, 'after'>): OrgRecord[] {
  const out: OrgRecord[] = [];
  let after: ListQuery['after'] = null;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = store.list({ ...base, after });
    expect(page.items.length).toBeLessThanOrEqual(base.limit);
    out.push(...page.items);
    if (!page.next) return out;
    after = page.next;
  }
  throw new Error('pagination did not end');
}

const key = (org: OrgRecord, field: SortField): number => (field === 'id' ? org.id : org[field]);
function expectedOrder(rows: OrgRecord[], field: SortField, direction: SortDirection): number[] {
  const sorted = [...rows].sort((a, b) => key(a, field) - key(b, field) || a.id - b.id);
  if (direction === 'desc') sorted.reverse();
  return sorted.map((o) => o.id);
}

describe('OrgStore keyset pagination', () => {
  const store = seededStore(3000);
  const live = store.all();

  for (const sortBy of ['id', 'update_time', 'add_time'] as const) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`pages ${sortBy} ${direction} with no duplicates and no gaps`, () => {
        const ids = pageAll(store, { sortBy, direction, limit: 347, ids: null, predicate: null }).map(
          (o) => o.id,
        );
        expect(ids).toEqual(expectedOrder(live, sortBy, direction));
      });
    }
  }

  it('applies a predicate across pages', () => {
    const predicate = (o: OrgRecord): boolean => o.owner_id === 2;
    const got = pageAll(store, {
      sortBy: 'update_time',
      direction: 'desc',
      limit: 100,
      ids: null,
      predicate,
    });
    expect(got.map((o) => o.id)).toEqual(expectedOrder(live.filter(predicate), 'update_time', 'desc'));
    expect(got.length).toBeGreaterThan(100);
  });

  it('has ties in update_time, and orders them by id', () => {
    const times = live.map((o) => o.update_time);
    expect(new Set(times).size).toBeLessThan(times.length);
  });

  it('returns only the requested ids, in sort order, dropping unknown ones', () => {
    const page = store.list({
      sortBy: 'id',
      direction: 'desc',
      limit: 10,
      after: null,
      ids: [5, 99_999, 3, 5, 700],
      predicate: null,
    });
    expect(page.items.map((o) => o.id)).toEqual([700, 5, 3]);
    expect(page.next).toBeNull();
  });

  it('pages the ids list too', () => {
    const ids = [10, 20, 30, 40, 50];
    const got = pageAll(store, { sortBy: 'id', direction: 'asc', limit: 2, ids, predicate: null });
    expect(got.map((o) => o.id)).toEqual(ids);
  });
});

describe('OrgStore writes', () => {
  it('keeps a page sequence stable when rows before and after the cursor are deleted', () => {
    const store = seededStore(500);
    const first = store.list({
      sortBy: 'id',
      direction: 'asc',
      limit: 100,
      after: null,
      ids: null,
      predicate: null,
    });
    const before = store.get(50) as OrgRecord;
    const after = store.get(150) as OrgRecord;
    store.softDelete(before, Date.now());
    store.softDelete(after, Date.now());
    const rest = pageAll(store, {
      sortBy: 'id',
      direction: 'asc',
      limit: 100,
      ids: null,
      predicate: null,
    }).filter((o) => o.id > 100);
    expect(first.items.map((o) => o.id)).toContain(50);
    expect(rest.map((o) => o.id)).not.toContain(150);
    expect(rest.length).toBe(399);
  });

  it('hides deleted organizations from lists but keeps them reachable with get()', () => {
    const store = seededStore(20);
    store.softDelete(store.get(3) as OrgRecord, Date.now());
    expect(store.live(3)).toBeUndefined();
    expect(store.get(3)?.is_deleted).toBe(true);
    expect(store.count()).toBe(19);
    expect(store.count(true)).toBe(20);
  });

  it('inserts an explicit lower id in place and refreshes sorted views after changes', () => {
    const store = seededStore(10);
    const org = { ...(store.get(1) as OrgRecord), id: 1000, update_time: 1 };
    store.insert(org);
    expect(store.nextId).toBe(1001);
    const firstByTime = store.list({
      sortBy: 'update_time',
      direction: 'asc',
      limit: 1,
      after: null,
      ids: null,
      predicate: null,
    });
    expect(firstByTime.items[0]?.id).toBe(1000);
    org.update_time = Date.UTC(2030, 0, 1);
    store.changed();
    const lastByTime = store.list({
      sortBy: 'update_time',
      direction: 'desc',
      limit: 1,
      after: null,
      ids: null,
      predicate: null,
    });
    expect(lastByTime.items[0]?.id).toBe(1000);
    expect(() => store.insert(org)).toThrow(/already exists/);
  });

  it('purges deleted organizations 30 days after deletion', () => {
    const store = seededStore(10);
    const t = Date.UTC(2026, 5, 1);
    store.softDelete(store.get(4) as OrgRecord, t);
    expect(store.purge(t + PURGE_AFTER_MS - 1000)).toBe(0);
    expect(store.purge(t + PURGE_AFTER_MS)).toBe(1);
    expect(store.get(4)).toBeUndefined();
    expect(store.all(true).map((o) => o.id)).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 10]);
  });
});

describe('binary search helpers', () => {
  it('find bounds in a sorted array', () => {
    const a = [1, 3, 3, 7];
    expect(lowerBound(a, 3)).toBe(1);
    expect(upperBound(a, 3)).toBe(3);
    expect(lowerBound(a, 0)).toBe(0);
    expect(upperBound(a, 9)).toBe(4);
  });
});
