/**
 * What the app needs from a Pipedrive client to show who is connected, and how it turns the client's
 * answers into the {@link AccountInfo} of the header bar and the "Test connection" result.
 */
import type { AccountInfo, RateLimitInfo } from '../../../shared/ipc.ts';
import type { CurrentUser, OrgField, PipedriveUser } from '../../../shared/model.ts';

/** The burst window Pipedrive's `x-ratelimit-*` headers describe (reference §6.3). */
export const RATE_WINDOW_SECONDS = 2;

/** The part of the client's usage snapshot the app reads. */
export interface ClientUsage {
  readonly requests: number;
  readonly tokensSpent: number;
  readonly limit: number | null;
  readonly remaining: number | null;
}

/** The calls the app makes on a connection (the engine's `PipedriveClient` has them all). */
export interface AccountClient {
  getCurrentUser(): Promise<CurrentUser>;
  listUsers(): Promise<ReadonlyArray<PipedriveUser>>;
  listOrganizationFields(): Promise<ReadonlyArray<OrgField>>;
  usage(): ClientUsage;
  /** Every client of the same identity together (jobs make their own clients); falls back to `usage`. */
  connectionUsage?(): ClientUsage;
}

/** The rate-limit headers last seen, or null before any response carried them. */
export function rateLimitFromUsage(usage: ClientUsage): RateLimitInfo | null {
  if (usage.limit === null && usage.remaining === null) return null;
  return {
    limit: usage.limit,
    remaining: usage.remaining,
    windowSeconds: RATE_WINDOW_SECONDS,
    dailyRequestsLeft: null,
  };
}

/** The account banner's facts from `/users/me` and the usage seen so far. */
export function accountInfo(user: CurrentUser, usage: ClientUsage, dailyBudget: number | null): AccountInfo {
  return {
    user: { id: user.id, name: user.name, email: user.email },
    company: { id: user.company_id, name: user.company_name, domain: user.company_domain },
    rateLimit: rateLimitFromUsage(usage),
    dailyBudget,
  };
}
