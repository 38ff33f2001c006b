/**
 * What happens to one request, in Pipedrive's order: arrive (plus injected latency), authenticate,
 * rate-limit (burst window, daily budget, Cloudflare block), inject faults, handle, answer — and log it.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxClock } from './clock.ts';
import type { FaultInjector } from './faults.ts';
import {
  ApiError,
  cloudflarePage,
  ERROR_INFO,
  errorEnvelope,
  parseJsonBody,
  readBody,
  sendJson,
  UNAUTHORIZED_BODY,
  unknownRoute,
} from './http-util.ts';
import type { ResolvedSandboxOptions } from './options.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { RequestLog, RequestOutcome } from './request-log.ts';
import { bulkDeleteOrganizations } from './handlers-orgs.ts';
import { matchRoute, splitApiPath, type HandlerContext } from './router.ts';
import type { SnapshotSaver } from './persist.ts';
import type { SandboxState } from './state.ts';

/** Everything the running sandbox consists of; shared by the pipeline and the control API. */
export interface SandboxRuntime {
  options: ResolvedSandboxOptions;
  readonly clock: SandboxClock;
  readonly state: SandboxState;
  readonly limiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly log: RequestLog;
  readonly saver: SnapshotSaver | null;
  closing: boolean;
}

/** Largest accepted request body. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

interface Caller {
  key: string;
  bearer: boolean;
}

/** Finds the credential: x-api-token, then Bearer, then (v1 only) the api_token query parameter. */
function authenticate(
  req: IncomingMessage,
  url: URL,
  v1: boolean,
  options: ResolvedSandboxOptions,
): Caller | null {
  const header = req.headers['x-api-token'];
  let token = typeof header === 'string' && header.trim() !== '' ? header.trim() : undefined;
  let bearer = false;
  const bearerMatch = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!token && bearerMatch?.[1]) {
    token = bearerMatch[1];
    bearer = true;
  }
  if (!token && v1) token = url.searchParams.get('api_token') || undefined;
  if (!token) return null;
  if (options.tokens && !options.tokens.includes(token)) return null;
  // Windows are keyed by a digest: the token itself is never stored anywhere in the sandbox.
  const key = createHash('sha256').update(token).digest('hex').slice(0, 24);
  return { key: `${bearer ? 'oauth' : 'token'}:${key}`, bearer };
}

/** The path as logged: query kept, `api_token` removed. */
function loggedPath(url: URL): string {
  const params = new URLSearchParams(url.searchParams);
  params.delete('api_token');
  const query = params.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One more v1 bulk delete served: when `bulkDeleteCallsLeft` runs out, the endpoint is gone from now on. */
function countBulkDeleteCall(rt: SandboxRuntime): void {
  const left = rt.options.bulkDeleteCallsLeft;
  if (left === null) return;
  rt.options =
    left <= 1
      ? { ...rt.options, bulkDeleteCallsLeft: null, bulkDeleteEnabled: false }
      : { ...rt.options, bulkDeleteCallsLeft: left - 1 };
}

/** Handles one request end to end; never throws. */
export async function handleRequest(
  rt: SandboxRuntime,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const started = performance.now();
  const arrived = rt.clock.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  let auth: 'token' | 'oauth' | 'none' = 'none';
  let cost = 0;
  const log = (status: number | null, outcome: RequestOutcome): void => {
    rt.log.add({
      time: new Date(arrived).toISOString(),
      method,
      path: loggedPath(url),
      status,
      cost,
      auth,
      outcome,
      durationMs: Math.round(performance.now() - started),
    });
  };
  const drop = (outcome: RequestOutcome): void => {
    req.socket.destroy();
    log(null, outcome);
  };

  let rawBody: Buffer;
  try {
    rawBody = await readBody(req, MAX_BODY_BYTES);
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 400;
    sendJson(res, status, errorEnvelope(error instanceof Error ? error.message : 'Bad request'), {
      connection: 'close',
    });
    log(status, 'client-error');
    return;
  }
  const delay = rt.faults.latency();
  if (delay > 0) await sleep(delay);
  if (rt.closing || res.destroyed) return;

  const options = rt.options;
  const api = splitApiPath(url.pathname)?.api ?? null;
  const caller = authenticate(req, url, api === 'v1', options);
  if (!caller) {
    sendJson(res, 401, UNAUTHORIZED_BODY, {});
    log(401, 'unauthorized');
    return;
  }
  auth = caller.bearer ? 'oauth' : 'token';
  if (options.accountClosed) {
    sendJson(
      res,
      402,
      errorEnvelope(
        'Company account is not open',
        `Please check the subscription of this company. ${ERROR_INFO}`,
      ),
      {},
    );
    log(402, 'client-error');
    return;
  }
  // Organizations deleted more than 30 days ago are gone for good (cheap: looks at the oldest only).
  rt.state.store.purge(rt.clock.now());
  const routed = matchRoute(method, url.pathname, options);
  const route = routed.kind === 'route' ? routed.route : null;
  const rateRequest = {
    bearer: caller.bearer,
    search: route?.search === true,
    cost: route?.cost ?? 0,
    write: method === 'POST' || method === 'PUT' || method === 'PATCH',
  };

  const forced = rt.faults.beforeAdmission(method, url.pathname);
  if (forced?.kind === 'block') rt.limiter.block(caller.key);
  const admission =
    forced?.kind === 'rateLimit'
      ? rt.limiter.fullWindow(caller.key, rateRequest)
      : rt.limiter.admit(caller.key, rateRequest);
  if (admission.kind === 'blocked') {
    const html = cloudflarePage(randomBytes(8).toString('hex'));
    res.writeHead(403, {
      'content-type': 'text/html; charset=UTF-8',
      server: 'cloudflare',
      'content-length': String(Buffer.byteLength(html)),
    });
    res.end(html);
    log(403, 'blocked');
    return;
  }
  if (admission.kind === 'burst' || admission.kind === 'budget') {
    const headers = {
      ...admission.headers,
      ...(options.retryAfter ? { 'retry-after': String(admission.retryAfterS) } : {}),
    };
    const body =
      admission.kind === 'burst'
        ? errorEnvelope('Request over limit')
        : errorEnvelope(
            'Request over limit: the daily API token budget of this company is used up',
            `The budget refills at midnight (server time). ${ERROR_INFO}`,
          );
    sendJson(res, 429, body, headers);
    log(429, admission.kind === 'burst' ? 'rate-limited' : 'budget-exhausted');
    return;
  }
  cost = rateRequest.cost;

  const fault = rt.faults.afterAdmission(method, url.pathname);
  if (fault?.kind === 'drop') {
    rt.limiter.refund(cost);
    cost = 0;
    drop('dropped');
    return;
  }
  if (fault?.kind === 'serverError') {
    rt.limiter.refund(cost);
    cost = 0;
    const message =
      fault.status === 503 ? 'Service temporarily unavailable' : 'An internal server error occurred';
    sendJson(res, fault.status, errorEnvelope(message), admission.headers);
    log(fault.status, 'server-error');
    return;
  }

  let status: number;
  let body: unknown;
  try {
    if (routed.kind === 'not-found') throw unknownRoute();
    if (routed.kind === 'method-not-allowed') throw new ApiError(405, `Method ${method} is not allowed here`);
    const write = method === 'POST' || method === 'PATCH' || method === 'PUT';
    const ctx: HandlerContext = {
      state: rt.state,
      options,
      params: url.searchParams,
      body: write ? parseJsonBody(rawBody, req.headers['content-type']) : undefined,
      match: routed.match,
      now: rt.clock.now(),
    };
    const result = await routed.route.handler(ctx);
    status = result.status;
    body = result.body;
  } catch (error) {
    if (error instanceof ApiError) {
      status = error.status;
      body = errorEnvelope(error.message, error.errorInfo, error.extra);
    } else {
      status = 500;
      body = errorEnvelope('An internal server error occurred');
    }
  }
  rt.saver?.changed();
  if (routed.kind === 'route' && routed.route.handler === bulkDeleteOrganizations && status < 300) {
    countBulkDeleteCall(rt);
  }
  if (fault?.kind === 'slow' && fault.delayMs !== undefined) await sleep(fault.delayMs);
  if (rt.closing || res.destroyed) return;
  if (fault?.kind === 'lostResponse') {
    drop('lost-response');
    return;
  }
  sendJson(res, status, body, admission.headers);
  log(status, status < 400 ? 'ok' : status >= 500 ? 'server-error' : 'client-error');
}
