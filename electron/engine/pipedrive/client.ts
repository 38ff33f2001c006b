/**
 * The Pipedrive client Orgport's jobs, CLI and UI call. v2 endpoints wherever they exist, v1 for users
 * and the (deprecated, cheaper) bulk delete. All clients of one identity share one rate governor.
 */
import type {
  CurrentUser,
  Organization,
  OrganizationWrite,
  OrgField,
  PipedriveUser,
} from '../../../shared/model.ts';
import { bulkDelete, type BulkDeleteResult } from './bulk-delete.ts';
import { normalizeBaseUrl, type PipedriveConnection } from './connection.ts';
import { PipedriveError } from './errors.ts';
import type { PipedriveEvent, RequestEvent } from './events.ts';
import { normalizeOrgFields } from './fields.ts';
import { executeRequest, type HttpRequest, type HttpResult, type HttpSettings } from './http.ts';
import {
  chunk,
  listQuery,
  MAX_IDS_PER_LIST,
  searchQuery,
  shapeQuery,
  type GetOrganizationOptions,
  type ListOrganizationsParams,
  type OrganizationPage,
  type OrganizationSearchHit,
  type SearchOrganizationsOptions,
  type SearchPage,
} from './params.ts';
import type { RateGovernorOptions } from './rate-governor.ts';
import { connectionState, type ConnectionState } from './registry.ts';
import { UsageCounter, type PipedriveUsage } from './usage.ts';

/** How a client retries, times out and reports. */
export interface PipedriveClientOptions {
  /** Attempts per call, the first included (default 6). */
  maxAttempts?: number;
  /** Total time one call may spend before no further retry starts (default 5 minutes). */
  maxRetryTimeMs?: number;
  /** Per attempt (default 60 s; the v1 bulk delete can take ~20 s for 1000 ids). */
  timeoutMs?: number;
  /** Tuning of the shared governor; only used by the first client created for an identity. */
  governor?: RateGovernorOptions;
  /** Every event (requests, retries, 429 pauses, budget stop), already redacted. */
  onEvent?: (event: PipedriveEvent) => void;
  /** Only the per-attempt request events, already redacted (a convenience for verbose logs). */
  onRequest?: (event: RequestEvent) => void;
  /** Replaces global fetch (tests). */
  fetch?: typeof fetch;
}

/** Result of deleting one organization. */
export interface DeleteResult {
  id: number;
  /** The delete's first answer was lost and the retry found it gone: it was deleted by us. */
  alreadyGone: boolean;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function nextCursorOf(json: unknown): string | null {
  const cursor = record(record(json).additional_data).next_cursor;
  return typeof cursor === 'string' && cursor !== '' ? cursor : null;
}

/** A Pipedrive connection with its endpoint functions. Create one per job; they share pacing. */
export class PipedriveClient {
  /** The normalised base URL requests go to. */
  readonly baseUrl: string;
  private readonly connection: PipedriveConnection;
  private readonly state: ConnectionState;
  private readonly settings: HttpSettings;
  private readonly counter = new UsageCounter();
  private readonly listeners = new Set<(event: PipedriveEvent) => void>();
  private readonly sinks = {
    usage: this.counter,
    emit: (event: PipedriveEvent): void => {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch {
          // A broken log sink must never break a job.
        }
      }
    },
  };

  constructor(connection: PipedriveConnection, options: PipedriveClientOptions = {}) {
    this.baseUrl = normalizeBaseUrl(connection.baseUrl);
    this.connection = { baseUrl: this.baseUrl, auth: connection.auth };
    this.state = connectionState(this.connection, options.governor);
    this.settings = {
      maxAttempts: Math.max(1, options.maxAttempts ?? 6),
      maxRetryTimeMs: options.maxRetryTimeMs ?? 5 * 60_000,
      timeoutMs: options.timeoutMs ?? 60_000,
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
      userAgent: 'Orgport/0.1 (+https://github.com/orgport)',
    };
    if (options.onEvent) this.listeners.add(options.onEvent);
    const onRequest = options.onRequest;
    if (onRequest) this.listeners.add((e) => e.type === 'request' && onRequest(e));
  }

  /** Subscribes to this client's events (already redacted); returns the unsubscribe function. */
  onEvent(listener: (event: PipedriveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** What this client has spent, plus the identity's last-seen limits and concurrency. */
  usage(): PipedriveUsage {
    const g = this.state.governor.snapshot();
    return {
      ...this.counter.snapshot(),
      limit: g.limit,
      remaining: g.remaining,
      concurrency: g.concurrency,
      budgetExhausted: g.budgetStopped,
    };
  }

  /** The same as {@link usage} but for every client of this identity together. */
  connectionUsage(): PipedriveUsage {
    return { ...this.usage(), ...this.state.usage.snapshot() };
  }

  /** Lets requests through again after a budget stop (call when resuming a stopped job). */
  clearBudgetStop(): void {
    this.state.governor.clearBudgetStop();
  }

  /** A raw paced, retried, accounted call, for endpoints without a function here. */
  request(req: HttpRequest): Promise<HttpResult> {
    return executeRequest(this.connection, this.state, this.settings, this.sinks, req);
  }

  private async data(req: HttpRequest): Promise<unknown> {
    return record((await this.request(req)).json).data;
  }

  /**
   * Every page of organizations matching `params` (v2 cursor pagination, 500 per page by default).
   * With `ids`, one paged listing per chunk of 100 ids.
   */
  async *listOrganizations(
    params: ListOrganizationsParams = {},
    signal?: AbortSignal,
  ): AsyncGenerator<OrganizationPage> {
    const path = '/api/v2/organizations';
    const query = listQuery(path, params);
    const idChunks = params.ids ? chunk([...new Set(params.ids)], MAX_IDS_PER_LIST) : [null];
    let cursor = params.cursor ?? null;
    for (const ids of idChunks) {
      do {
        const json = (
          await this.request({
            method: 'GET',
            path,
            query: { ...query, ids: ids ? ids.join(',') : undefined, cursor: cursor ?? undefined },
            signal,
          })
        ).json;
        const data = record(json).data;
        const items = Array.isArray(data) ? (data as Organization[]) : [];
        cursor = nextCursorOf(json);
        yield { items, nextCursor: cursor };
      } while (cursor !== null);
    }
  }

  /** One organization by id (`not_found` error when it does not exist). */
  async getOrganization(
    id: number,
    opts: GetOrganizationOptions = {},
    signal?: AbortSignal,
  ): Promise<Organization> {
    const path = `/api/v2/organizations/${checkId(id)}`;
    return (await this.data({ method: 'GET', path, query: shapeQuery(path, opts), signal })) as Organization;
  }

  /**
   * Creates an organization. Never re-sent after a possibly-applied attempt: on a lost response the
   * error has `maybeApplied: true` and the caller must check whether it landed before trying again.
   */
  async createOrganization(body: OrganizationWrite, signal?: AbortSignal): Promise<Organization> {
    return (await this.data({ method: 'POST', path: '/api/v2/organizations', body, signal })) as Organization;
  }

  /** Partially updates an organization (sent properties only; `address` is replaced as a whole). */
  async updateOrganization(id: number, body: OrganizationWrite, signal?: AbortSignal): Promise<Organization> {
    const path = `/api/v2/organizations/${checkId(id)}`;
    return (await this.data({ method: 'PATCH', path, body, signal })) as Organization;
  }

  /** Deletes (soft) one organization; see {@link DeleteResult.alreadyGone}. */
  async deleteOrganization(id: number, signal?: AbortSignal): Promise<DeleteResult> {
    const result = await this.request({
      method: 'DELETE',
      path: `/api/v2/organizations/${checkId(id)}`,
      signal,
      goneMeansDeleted: true,
    });
    return { id, alreadyGone: result.alreadyGone };
  }

  /**
   * Deletes many organizations: v1 bulk delete in chunks of 1000 (10 tokens per chunk), falling back
   * to per-id v2 deletes, remembered for this identity, when the v1 endpoint answers 404/405/410.
   */
  bulkDeleteOrganizations(ids: ReadonlyArray<number>, signal?: AbortSignal): Promise<BulkDeleteResult> {
    return bulkDelete(this, this.state, ids.map(checkId), signal, this.sinks.emit);
  }

  /** One page of v2 search results (cost 20, its own 10-per-2-s limit); pass `nextCursor` for more. */
  async searchOrganizations(
    term: string,
    opts: SearchOrganizationsOptions = {},
    signal?: AbortSignal,
  ): Promise<SearchPage> {
    const path = '/api/v2/organizations/search';
    const json = (await this.request({ method: 'GET', path, query: searchQuery(path, term, opts), signal }))
      .json;
    const rawItems = record(record(json).data).items;
    const items: OrganizationSearchHit[] = (Array.isArray(rawItems) ? rawItems : []).map((entry) => {
      const hit = record(entry);
      const item = record(hit.item);
      const owner = record(item.owner);
      return {
        result_score: typeof hit.result_score === 'number' ? hit.result_score : 0,
        id: Number(item.id),
        name: typeof item.name === 'string' ? item.name : '',
        address: typeof item.address === 'string' ? item.address : null,
        visible_to: typeof item.visible_to === 'number' ? item.visible_to : null,
        owner_id: typeof owner.id === 'number' ? owner.id : null,
        custom_fields: Array.isArray(item.custom_fields) ? item.custom_fields.map(String) : [],
        notes: Array.isArray(item.notes) ? item.notes.map(String) : [],
      };
    });
    return { items, nextCursor: nextCursorOf(json) };
  }

  /** Every organization field (all pages of the v2 list), system and custom, with option lists. */
  async listOrganizationFields(signal?: AbortSignal): Promise<OrgField[]> {
    const raw: unknown[] = [];
    let cursor: string | null = null;
    do {
      const json: unknown = (
        await this.request({
          method: 'GET',
          path: '/api/v2/organizationFields',
          query: { limit: 500, cursor: cursor ?? undefined },
          signal,
        })
      ).json;
      const data = record(json).data;
      if (Array.isArray(data)) raw.push(...(data as unknown[]));
      cursor = nextCursorOf(json);
    } while (cursor !== null);
    return normalizeOrgFields(raw);
  }

  /** All users of the company (`/v1/users`, unpaginated), inactive and deleted ones included. */
  async listUsers(signal?: AbortSignal): Promise<PipedriveUser[]> {
    const data = await this.data({ method: 'GET', path: '/v1/users', signal });
    return Array.isArray(data) ? (data as PipedriveUser[]) : [];
  }

  /** The user the credential belongs to, with the company (`/v1/users/me`). */
  async getCurrentUser(signal?: AbortSignal): Promise<CurrentUser> {
    return (await this.data({ method: 'GET', path: '/v1/users/me', signal })) as CurrentUser;
  }
}

function checkId(id: number): number {
  if (!Number.isInteger(id) || id < 1) {
    throw new PipedriveError({
      kind: 'validation',
      method: '-',
      path: '/api/v2/organizations',
      message: `Organization ids are positive integers (got ${String(id)})`,
    });
  }
  return id;
}
