/**
 * The route table: which paths exist under which API version, with the token cost of each
 * (reference §6.3). v2 lives only under `/api/v2`; v1 under `/v1` and `/api/v1` (reference §1).
 */
import {
  currentUser,
  getFieldV1,
  getFieldV2,
  getUser,
  listFieldsV1,
  listFieldsV2,
  listFilters,
  listUsers,
} from './handlers-misc.ts';
import {
  bulkDeleteOrganizations,
  createOrganization,
  deleteOrganization,
  getOrganization,
  listOrganizations,
  updateOrganization,
} from './handlers-orgs.ts';
import type { JsonResponse } from './http-util.ts';
import type { ResolvedSandboxOptions } from './options.ts';
import { searchOrganizations } from './search.ts';
import type { SandboxState } from './state.ts';

/** Everything a handler gets. */
export interface HandlerContext {
  state: SandboxState;
  options: ResolvedSandboxOptions;
  params: URLSearchParams;
  body: unknown;
  /** Regex groups of the matched path (index 1 = first `{param}`). */
  match: ReadonlyArray<string | undefined>;
  /** Sandbox time of the request. */
  now: number;
}

/** A route handler; throws ApiError for error answers. */
export type Handler = (ctx: HandlerContext) => JsonResponse | Promise<JsonResponse>;

/** API version of a path. */
export type ApiVersion = 'v1' | 'v2';

/** One endpoint. */
export interface Route {
  method: string;
  api: ApiVersion;
  /** Readable path template, for the cost table. */
  label: string;
  path: RegExp;
  cost: number;
  /** Counted against the separate search burst window. */
  search?: boolean;
  handler: Handler;
}

const ROUTES: ReadonlyArray<Route> = [
  {
    method: 'GET',
    api: 'v2',
    label: 'GET /api/v2/organizations',
    path: /^\/organizations$/,
    cost: 10,
    handler: listOrganizations,
  },
  {
    method: 'POST',
    api: 'v2',
    label: 'POST /api/v2/organizations',
    path: /^\/organizations$/,
    cost: 5,
    handler: createOrganization,
  },
  {
    method: 'GET',
    api: 'v2',
    label: 'GET /api/v2/organizations/search',
    path: /^\/organizations\/search$/,
    cost: 20,
    search: true,
    handler: searchOrganizations,
  },
  {
    method: 'GET',
    api: 'v2',
    label: 'GET /api/v2/organizations/{id}',
    path: /^\/organizations\/([^/]+)$/,
    cost: 1,
    handler: getOrganization,
  },
  {
    method: 'PATCH',
    api: 'v2',
    label: 'PATCH /api/v2/organizations/{id}',
    path: /^\/organizations\/([^/]+)$/,
    cost: 5,
    handler: updateOrganization,
  },
  {
    method: 'DELETE',
    api: 'v2',
    label: 'DELETE /api/v2/organizations/{id}',
    path: /^\/organizations\/([^/]+)$/,
    cost: 3,
    handler: deleteOrganization,
  },
  {
    method: 'GET',
    api: 'v2',
    label: 'GET /api/v2/organizationFields',
    path: /^\/organizationFields$/,
    cost: 10,
    handler: listFieldsV2,
  },
  {
    method: 'GET',
    api: 'v2',
    label: 'GET /api/v2/organizationFields/{field_code}',
    path: /^\/organizationFields\/([^/]+)$/,
    cost: 1,
    handler: getFieldV2,
  },
  {
    method: 'GET',
    api: 'v1',
    label: 'GET /v1/organizationFields',
    path: /^\/organizationFields$/,
    cost: 20,
    handler: listFieldsV1,
  },
  {
    method: 'GET',
    api: 'v1',
    label: 'GET /v1/organizationFields/{id}',
    path: /^\/organizationFields\/([^/]+)$/,
    cost: 2,
    handler: getFieldV1,
  },
  {
    method: 'DELETE',
    api: 'v1',
    label: 'DELETE /v1/organizations',
    path: /^\/organizations$/,
    cost: 10,
    handler: bulkDeleteOrganizations,
  },
  { method: 'GET', api: 'v1', label: 'GET /v1/users', path: /^\/users$/, cost: 20, handler: listUsers },
  {
    method: 'GET',
    api: 'v1',
    label: 'GET /v1/users/me',
    path: /^\/users\/me$/,
    cost: 2,
    handler: currentUser,
  },
  {
    method: 'GET',
    api: 'v1',
    label: 'GET /v1/users/{id}',
    path: /^\/users\/([^/]+)$/,
    cost: 2,
    handler: getUser,
  },
  { method: 'GET', api: 'v1', label: 'GET /v1/filters', path: /^\/filters$/, cost: 20, handler: listFilters },
];

/** Every endpoint with its token cost (reference §6.3), e.g. `{ endpoint: 'GET /api/v2/organizations', cost: 10 }`. */
export const COST_TABLE: ReadonlyArray<{ endpoint: string; cost: number }> = ROUTES.map((r) => ({
  endpoint: r.label,
  cost: r.cost,
}));

/** Splits a URL path into API version and the path below the version prefix. */
export function splitApiPath(pathname: string): { api: ApiVersion; rest: string } | null {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const v2 = /^\/api\/v2(\/.*)?$/.exec(trimmed);
  if (v2) return { api: 'v2', rest: v2[1] ?? '/' };
  const v1 = /^\/(?:api\/)?v1(\/.*)?$/.exec(trimmed);
  if (v1) return { api: 'v1', rest: v1[1] ?? '/' };
  return null;
}

/** The outcome of routing a request. */
export type RouteMatch =
  | { kind: 'route'; route: Route; match: RegExpExecArray }
  | { kind: 'not-found'; api: ApiVersion | null }
  | { kind: 'method-not-allowed'; api: ApiVersion };

/** Finds the route for a method and path; a disabled bulk delete routes like a vanished endpoint. */
export function matchRoute(method: string, pathname: string, options: ResolvedSandboxOptions): RouteMatch {
  const split = splitApiPath(pathname);
  if (!split) return { kind: 'not-found', api: null };
  let pathKnown = false;
  for (const route of ROUTES) {
    if (route.api !== split.api) continue;
    const match = route.path.exec(split.rest);
    if (!match) continue;
    if (route.handler === bulkDeleteOrganizations && !options.bulkDeleteEnabled) continue;
    pathKnown = true;
    if (route.method === method) return { kind: 'route', route, match };
  }
  return pathKnown ? { kind: 'method-not-allowed', api: split.api } : { kind: 'not-found', api: split.api };
}
