/**
 * The Pipedrive client: connection rules, typed errors, the shared rate governor, token costs and the
 * endpoint functions. Everything other parts of Orgport use is exported from here.
 */
export { PipedriveClient, type DeleteResult, type PipedriveClientOptions } from './client.ts';
export { MAX_BULK_DELETE_IDS, type BulkDeleteFailure, type BulkDeleteResult } from './bulk-delete.ts';
export { realClock, sleep, type Clock } from './clock.ts';
export {
  authHeaders,
  connectionKey,
  DEFAULT_BASE_URL,
  InvalidBaseUrlError,
  normalizeBaseUrl,
  type ConnectionConfig,
  type PipedriveAuth,
  type PipedriveConnection,
} from './connection.ts';
export {
  isPipedriveError,
  PipedriveError,
  type PipedriveErrorInit,
  type PipedriveErrorKind,
} from './errors.ts';
export type {
  BudgetExhaustedEvent,
  BulkDeleteFallbackEvent,
  PipedriveEvent,
  RateLimitedEvent,
  RequestEvent,
  RetryEvent,
} from './events.ts';
export { normalizeOrgField, normalizeOrgFields } from './fields.ts';
export { buildUrl, type HttpRequest, type HttpResult, type QueryParams } from './http.ts';
export {
  MAX_CUSTOM_FIELDS,
  MAX_IDS_PER_LIST,
  MAX_PAGE_LIMIT,
  type GetOrganizationOptions,
  type ListOrganizationsParams,
  type OrganizationPage,
  type OrganizationSearchHit,
  type SearchOrganizationsOptions,
  type SearchPage,
} from './params.ts';
export {
  RateGovernor,
  type GovernorSnapshot,
  type Permit,
  type RateGovernorOptions,
  type Verdict,
} from './rate-governor.ts';
export { parseRetryAfter, readRateHeaders, type RateHeaders } from './rate-headers.ts';
export { REDACTED, redact, redactPath, registerSecret } from './redact.ts';
export { connectionState, resetConnectionStates, type ConnectionState } from './registry.ts';
export { rateLane, TOKEN_COSTS, tokenCost, type RateLane, type TokenCostRule } from './token-costs.ts';
export type { PipedriveUsage, UsageCounts } from './usage.ts';
