/**
 * "Did that create land?" — asked for a create whose answer was lost (a timeout, a reset after
 * sending, a 5xx) and, on resume, for every create announced in the journal with no outcome after
 * it. Instead of searching per row, it lists the newest organizations (sorted by add time, newest
 * first, 500 a page) only as far back as the oldest create in question, and recognises ours by name,
 * add time and — when several fit — by holding exactly the values the row sent. A few pages at most,
 * 10 tokens each, whatever the number of rows to check.
 */
import type { OrgField, Organization, OrganizationWrite } from '../../../../shared/model.ts';
import { sameValue } from '../../../../shared/values/index.ts';
import { normalizeMatchText } from '../../import/match-key.ts';
import type { ListOrganizationsParams, PipedriveClient } from '../../pipedrive/index.ts';

/** A create that may or may not have been applied. */
export interface UnsureCreate {
  readonly rowNumber: number;
  readonly body: OrganizationWrite;
  /** When the create was announced (epoch ms, local clock), i.e. just before it was sent. */
  readonly at: number;
}

/** Options of {@link findLanded}. */
export interface LandedCheckOptions {
  /** The list parameters that return the written fields (so values can be compared). */
  readonly params: ListOrganizationsParams;
  readonly fields: ReadonlyArray<OrgField>;
  /** Organizations already accounted for by other rows; never adopted twice. */
  readonly claimed: ReadonlySet<number>;
  readonly signal?: AbortSignal;
  /**
   * How far before the announcement an organization's add time may be and still be ours: covers the
   * difference between our clock and Pipedrive's. Default 10 minutes.
   */
  readonly slackMs?: number;
}

function nameKey(name: unknown): string {
  return typeof name === 'string' ? normalizeMatchText(name) : '';
}

/** The organizations that are the landed creates of `unsure` rows, by row number. */
export async function findLanded(
  client: PipedriveClient,
  unsure: ReadonlyArray<UnsureCreate>,
  options: LandedCheckOptions,
): Promise<Map<number, Organization>> {
  const found = new Map<number, Organization>();
  if (unsure.length === 0) return found;
  const slack = options.slackMs ?? 10 * 60_000;
  const since = Math.min(...unsure.map((u) => u.at)) - slack;
  const wanted = new Set(unsure.map((u) => nameKey(u.body.name)));
  const byName = new Map<string, Organization[]>();
  const params: ListOrganizationsParams = { ...options.params, sortBy: 'add_time', sortDirection: 'desc' };
  for await (const page of client.listOrganizations(params, options.signal)) {
    let older = false;
    for (const org of page.items) {
      const added = Date.parse(org.add_time);
      if (Number.isFinite(added) && added < since) {
        older = true;
        continue;
      }
      const key = nameKey(org.name);
      if (!wanted.has(key) || options.claimed.has(org.id)) continue;
      const list = byName.get(key);
      if (list) list.push(org);
      else byName.set(key, [org]);
    }
    if (older) break;
  }
  const taken = new Set<number>();
  for (const create of [...unsure].sort((a, b) => a.at - b.at)) {
    const candidates = (byName.get(nameKey(create.body.name)) ?? []).filter(
      (org) => !taken.has(org.id) && Date.parse(org.add_time) >= create.at - slack,
    );
    // Same name and exactly the values sent: ours. Failing that, the oldest of the same name, because
    // a create that landed and was then edited must not be created a second time.
    const exact = candidates.find((org) => sameValue(org, create.body, options.fields));
    const pick = exact ?? candidates.sort((a, b) => a.id - b.id)[0];
    if (pick) {
      found.set(create.rowNumber, pick);
      taken.add(pick.id);
    }
  }
  return found;
}
