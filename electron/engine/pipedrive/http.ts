/**
 * One Pipedrive call, start to finish: pacing through the governor, the HTTP exchange, accounting,
 * error mapping and the retry policy.
 *
 * Retry policy: 429 (burst), 5xx and transport failures are retried with capped exponential backoff
 * and jitter, within `maxAttempts` and a total `maxRetryTimeMs`; other 4xx never. A POST is re-sent
 * only when it certainly was not processed (429, connection refused/DNS before sending); when it may
 * have been applied (5xx, reset after sending, timeout) it throws with `maybeApplied: true`, so the
 * caller can check whether it landed instead of making a duplicate. PATCH and DELETE are idempotent
 * and retried; a DELETE that gets 404 after an attempt that may have been applied is reported as
 * `alreadyGone`.
 */
import { authHeaders, type PipedriveConnection } from './connection.ts';
import {
  errorFromResponse,
  failedBeforeSending,
  networkCode,
  parseBody,
  PipedriveError,
  type PipedriveErrorKind,
} from './errors.ts';
import type { PipedriveEvent } from './events.ts';
import type { ConnectionState } from './registry.ts';
import { readRateHeaders } from './rate-headers.ts';
import { redactPath } from './redact.ts';
import { rateLane, tokenCost } from './token-costs.ts';
import type { UsageCounter } from './usage.ts';

/** Query values; undefined/null entries are left out. */
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** One call to make. `path` is relative to the base URL (`/api/v2/...` or `/v1/...`). */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * For a DELETE of one resource: a 404 after an earlier attempt whose answer was lost means our
   * attempt deleted it. Not for collection endpoints, where a 404 means the endpoint itself is gone.
   */
  goneMeansDeleted?: boolean;
}

/** A successful call: the parsed JSON body (or `alreadyGone` for a DELETE whose first answer was lost). */
export interface HttpResult {
  status: number;
  json: unknown;
  attempts: number;
  alreadyGone: boolean;
}

/** Retry and transport settings. */
export interface HttpSettings {
  /** Attempts per call, the first included. */
  maxAttempts: number;
  /** No retry starts once this much time has gone into the call. */
  maxRetryTimeMs: number;
  /** Per attempt, headers and body. */
  timeoutMs: number;
  fetch: typeof fetch;
  userAgent: string;
}

/** Who gets told about each attempt. */
export interface HttpSinks {
  usage: UsageCounter;
  emit(event: PipedriveEvent): void;
}

/** Builds the full URL of a call. */
export function buildUrl(baseUrl: string, path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString().replace(/%2C/gi, ',');
  return `${baseUrl}${path}${qs ? `?${qs}` : ''}`;
}

const isWriteMethod = (m: string): boolean => m !== 'GET';

/** Runs one call with pacing, accounting and retries; see the module comment for the policy. */
export async function executeRequest(
  connection: PipedriveConnection,
  state: ConnectionState,
  settings: HttpSettings,
  sinks: HttpSinks,
  req: HttpRequest,
): Promise<HttpResult> {
  const { method, signal } = req;
  const url = buildUrl(connection.baseUrl, req.path, req.query);
  const logPath = redactPath(`${req.path}${url.includes('?') ? url.slice(url.indexOf('?')) : ''}`);
  const lane = rateLane(req.path);
  const cost = tokenCost(method, req.path);
  const governor = state.governor;
  const isWrite = isWriteMethod(method);
  const startedAt = performance.now();
  let mayHaveApplied = false;
  const record = (status: number | null, sent = false): void => {
    sinks.usage.recordResponse(status, cost, sent);
    state.usage.recordResponse(status, cost, sent);
  };

  for (let attempt = 1; ; attempt++) {
    const canRetry = (delayMs: number): boolean =>
      attempt < settings.maxAttempts && performance.now() - startedAt + delayMs <= settings.maxRetryTimeMs;
    const retry = async (delayMs: number, reason: string, sleep: boolean): Promise<void> => {
      sinks.usage.recordRetry();
      state.usage.recordRetry();
      sinks.emit({ type: 'retry', method, path: logPath, attempt: attempt + 1, delayMs, reason });
      // After a 429 the governor itself holds every start back; sleeping here too would double the wait.
      if (sleep) {
        await governor.wait(delayMs, signal).catch(() => {
          throw new PipedriveError({
            kind: 'cancelled',
            method,
            path: logPath,
            attempts: attempt,
            maybeApplied: mayHaveApplied,
          });
        });
      }
    };

    const permit = await governor.acquire(lane, method, logPath, signal);
    const t0 = performance.now();
    const emitRequest = (status: number | null, error?: PipedriveErrorKind, code?: string): void => {
      const spent = status === null || status === 429 ? 0 : cost;
      const event: PipedriveEvent = {
        type: 'request',
        method,
        path: logPath,
        lane,
        status,
        attempt,
        durationMs: Math.round(performance.now() - t0),
        cost: spent,
      };
      if (error) event.error = error;
      if (code) event.code = code;
      sinks.emit(event);
    };

    let response: Response;
    let text: string;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), settings.timeoutMs);
    try {
      const headers: Record<string, string> = {
        accept: 'application/json',
        'user-agent': settings.userAgent,
        ...authHeaders(connection.auth),
      };
      if (req.body !== undefined) headers['content-type'] = 'application/json';
      response = await settings.fetch(url, {
        method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal,
        redirect: 'error',
      });
      text = await response.text();
    } catch (err) {
      governor.release(permit, null, null);
      const notSent = failedBeforeSending(err);
      // An answer lost after sending may still have been charged: count it, never under-report.
      record(null, !notSent);
      const maybeApplied = isWrite && !notSent;
      if (signal?.aborted) {
        emitRequest(null, 'cancelled');
        throw new PipedriveError({
          kind: 'cancelled',
          method,
          path: logPath,
          maybeApplied,
          attempts: attempt,
        });
      }
      const code = timeout.signal.aborted ? 'ETIMEDOUT' : (networkCode(err) ?? 'ENETWORK');
      emitRequest(null, 'network', code);
      mayHaveApplied ||= maybeApplied;
      const error = new PipedriveError({
        kind: 'network',
        method,
        path: logPath,
        code,
        retryable: !maybeApplied || method !== 'POST',
        maybeApplied,
        attempts: attempt,
        cause: err,
        message: timeout.signal.aborted
          ? `Pipedrive did not answer within ${Math.round(settings.timeoutMs / 1000)} s`
          : `Could not reach Pipedrive (${code})`,
      });
      // A POST that may have reached the server is never re-sent blindly: that is how duplicates happen.
      if (method === 'POST' && maybeApplied) throw error;
      const delay = governor.backoffMs(attempt);
      if (!canRetry(delay)) throw error;
      await retry(delay, `network error ${code}`, true);
      continue;
    } finally {
      clearTimeout(timer);
    }

    const status = response.status;
    const rate = readRateHeaders(response.headers);
    const verdict = governor.release(permit, status, rate, status === 429 ? text : '');
    record(status);
    const body = parseBody(text, response.headers.get('content-type'));

    if (status >= 200 && status < 300) {
      emitRequest(status);
      if (!body.isJson && text.trim() !== '') {
        throw new PipedriveError({
          kind: 'unexpected',
          method,
          path: logPath,
          status,
          attempts: attempt,
          message: 'Pipedrive answered with something that is not JSON (is the base URL right?)',
        });
      }
      return { status, json: body.json ?? null, attempts: attempt, alreadyGone: false };
    }

    if (status === 404 && method === 'DELETE' && mayHaveApplied && req.goneMeansDeleted === true) {
      // Our earlier attempt most likely did the delete and only its answer was lost.
      emitRequest(status);
      return { status, json: body.json ?? null, attempts: attempt, alreadyGone: true };
    }

    const error = errorFromResponse({
      status,
      method,
      path: logPath,
      body,
      isWrite,
      budgetExhausted: verdict.type === 'budget',
      retryAfterMs: verdict.type === 'burst' ? verdict.waitMs : null,
      attempts: attempt,
      earlierMayHaveApplied: mayHaveApplied,
    });
    emitRequest(status, error.kind);

    if (status === 429) {
      if (verdict.type === 'budget') {
        sinks.emit({ type: 'budget-exhausted', method, path: logPath });
        throw error;
      }
      const waitMs = verdict.type === 'burst' ? verdict.waitMs : governor.backoffMs(attempt);
      const concurrency = verdict.type === 'burst' ? verdict.concurrency : 1;
      sinks.emit({ type: 'rate-limited', method, path: logPath, waitMs, concurrency });
      if (!canRetry(waitMs)) throw error;
      await retry(waitMs, 'rate limited (429)', false);
      continue;
    }
    if (status >= 500) {
      if (isWrite) mayHaveApplied = true;
      if (method === 'POST') throw error; // maybeApplied: the create may have happened before the 5xx
      const delay = governor.backoffMs(attempt);
      if (!canRetry(delay)) throw error;
      await retry(delay, `server error ${status}`, true);
      continue;
    }
    throw error;
  }
}
