/**
 * What each Pipedrive request costs from the company's daily token budget
 * (`shared/reference/pipedrive-api.md` §6.3; the per-endpoint `x-token-cost` of Pipedrive's specs).
 * Cost is one flat number per operation, independent of `limit` or result size.
 */

/** One row of the cost table: method, a path pattern relative to the base URL, and the cost. */
export interface TokenCostRule {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path with `:id`-style segments that match one path segment each. */
  path: string;
  cost: number;
}

/** The per-endpoint cost table (v2 and the v1 endpoints Orgport uses). Order matters: first match wins. */
export const TOKEN_COSTS: ReadonlyArray<TokenCostRule> = [
  // v2 organizations
  { method: 'GET', path: '/api/v2/organizations/search', cost: 20 },
  { method: 'GET', path: '/api/v2/organizations', cost: 10 },
  { method: 'GET', path: '/api/v2/organizations/:id', cost: 1 },
  { method: 'POST', path: '/api/v2/organizations', cost: 5 },
  { method: 'PATCH', path: '/api/v2/organizations/:id', cost: 5 },
  { method: 'DELETE', path: '/api/v2/organizations/:id', cost: 3 },
  { method: 'GET', path: '/api/v2/organizations/:id/followers/changelog', cost: 10 },
  { method: 'GET', path: '/api/v2/organizations/:id/followers', cost: 10 },
  { method: 'POST', path: '/api/v2/organizations/:id/followers', cost: 5 },
  { method: 'DELETE', path: '/api/v2/organizations/:id/followers/:fid', cost: 3 },
  // v2 organization fields
  { method: 'GET', path: '/api/v2/organizationFields', cost: 10 },
  { method: 'GET', path: '/api/v2/organizationFields/:code', cost: 1 },
  { method: 'POST', path: '/api/v2/organizationFields', cost: 5 },
  { method: 'PATCH', path: '/api/v2/organizationFields/:code', cost: 5 },
  { method: 'DELETE', path: '/api/v2/organizationFields/:code', cost: 3 },
  { method: 'POST', path: '/api/v2/organizationFields/:code/options', cost: 5 },
  { method: 'PATCH', path: '/api/v2/organizationFields/:code/options', cost: 5 },
  { method: 'DELETE', path: '/api/v2/organizationFields/:code/options', cost: 3 },
  // v2 item search
  { method: 'GET', path: '/api/v2/itemSearch', cost: 20 },
  { method: 'GET', path: '/api/v2/itemSearch/field', cost: 20 },
  // v1 (bulk delete is out of support since 2026-08-01 but still the cheapest way to delete)
  { method: 'DELETE', path: '/v1/organizations', cost: 10 },
  { method: 'GET', path: '/v1/organizations/collection', cost: 10 },
  { method: 'GET', path: '/v1/organizationFields', cost: 20 },
  { method: 'GET', path: '/v1/organizationFields/:id', cost: 2 },
  { method: 'POST', path: '/v1/organizationFields', cost: 10 },
  { method: 'PUT', path: '/v1/organizationFields/:id', cost: 10 },
  { method: 'DELETE', path: '/v1/organizationFields', cost: 10 },
  { method: 'DELETE', path: '/v1/organizationFields/:id', cost: 6 },
  { method: 'GET', path: '/v1/users/me', cost: 2 },
  { method: 'GET', path: '/v1/users/find', cost: 40 },
  { method: 'GET', path: '/v1/users', cost: 20 },
  { method: 'GET', path: '/v1/users/:id', cost: 2 },
  { method: 'GET', path: '/v1/organizations/:id/flow', cost: 40 },
  { method: 'PUT', path: '/v1/organizations/:id/merge', cost: 40 },
  { method: 'GET', path: '/v1/organizations/:id/permittedUsers', cost: 10 },
  { method: 'GET', path: '/v1/organizations/:id/:list', cost: 20 },
];

function matches(pattern: string, path: string): boolean {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return false;
  return want.every((seg, i) => seg.startsWith(':') || seg === got[i]);
}

/** Pathname only, `/api/v1/` folded into `/v1/` (both prefixes reach the same v1 endpoints). */
function canonicalPath(path: string): string {
  const pathname = path.split('?')[0] ?? '';
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return trimmed.replace(/^\/api\/v1\//, '/v1/');
}

/**
 * Tokens one request spends. Unknown endpoints fall back to the generic table of the rate-limit
 * page (v1: get 2, list 20, update 10, delete 6, search 40; v2 about half), so a job's cost estimate
 * is never zero for a call nobody added here.
 */
export function tokenCost(method: string, path: string): number {
  const verb = method.toUpperCase();
  const canonical = canonicalPath(path);
  for (const rule of TOKEN_COSTS) {
    if (rule.method === verb && matches(rule.path, canonical)) return rule.cost;
  }
  const v2 = canonical.startsWith('/api/v2/');
  const last = canonical.split('/').pop() ?? '';
  const single = /^\d+$/.test(last);
  let generic: number;
  if (/search/i.test(canonical)) generic = 40;
  else if (verb === 'GET') generic = single ? 2 : 20;
  else if (verb === 'DELETE') generic = single ? 6 : 10;
  else generic = 10;
  return v2 ? Math.ceil(generic / 2) : generic;
}

/** Which burst limit a request counts against: search has its own 10-per-2-s window. */
export type RateLane = 'general' | 'search';

/** The burst lane of a request path. */
export function rateLane(path: string): RateLane {
  const canonical = canonicalPath(path);
  return /\/search$|\/itemSearch(\/|$)/.test(canonical) ? 'search' : 'general';
}
