/**
 * The optional counters of an organization (people, deals, activities…). The sandbox has no deals or
 * people, so the counts are derived from a per-organization seed instead of stored: realistic, stable,
 * and free for 100,000 organizations.
 */
import { hash32 } from './prng.ts';
import type { OrgRecord } from './types.ts';

/** The counter values of include_fields, keyed like the API (reference §2.2). */
export type OrgCounters = Record<string, number | null>;

/** Counters of one organization; a new organization (stats 0) has nothing but its owner as follower. */
export function orgCounters(org: Pick<OrgRecord, 'stats'>): OrgCounters {
  const s = org.stats;
  if (s === 0) {
    return {
      people_count: 0,
      open_deals_count: 0,
      related_open_deals_count: 0,
      closed_deals_count: 0,
      related_closed_deals_count: 0,
      won_deals_count: 0,
      related_won_deals_count: 0,
      lost_deals_count: 0,
      related_lost_deals_count: 0,
      email_messages_count: 0,
      activities_count: 0,
      done_activities_count: 0,
      undone_activities_count: 0,
      files_count: 0,
      notes_count: 0,
      followers_count: 1,
      next_activity_id: null,
      last_activity_id: null,
    };
  }
  const h = (k: number): number => hash32(s, k);
  // Squaring skews toward small numbers: most organizations have a handful of people, a few have many.
  const people = Math.floor((h(1) % 1000) ** 2 / 25_000);
  const open = h(2) % 10 < 4 ? 0 : 1 + (h(3) % 7);
  const won = h(4) % 10 < 5 ? 0 : h(4) % 12;
  const lost = h(5) % 10 < 6 ? 0 : h(5) % 8;
  const activities = h(6) % 60;
  const done = Math.floor((activities * (h(7) % 101)) / 100);
  const undone = activities - done;
  return {
    people_count: people,
    open_deals_count: open,
    related_open_deals_count: open + (h(8) % 3),
    closed_deals_count: won + lost,
    related_closed_deals_count: won + lost + (h(9) % 2),
    won_deals_count: won,
    related_won_deals_count: won,
    lost_deals_count: lost,
    related_lost_deals_count: lost,
    email_messages_count: h(10) % 200,
    activities_count: activities,
    done_activities_count: done,
    undone_activities_count: undone,
    files_count: h(11) % 15,
    notes_count: h(12) % 25,
    followers_count: 1 + (h(13) % 4),
    next_activity_id: undone > 0 ? 100_000 + (h(14) % 900_000) : null,
    last_activity_id: done > 0 ? 100_000 + (h(15) % 900_000) : null,
  };
}
