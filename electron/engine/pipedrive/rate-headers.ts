/**
 * Reading Pipedrive's burst-limit headers (`shared/reference/pipedrive-api.md` §6.4).
 */

/** Burst headers of one response; null where absent or unparsable. */
export interface RateHeaders {
  limit: number | null;
  remaining: number | null;
  resetSeconds: number | null;
  retryAfterMs: number | null;
  dailyRequestsLeft: number | null;
}

/** Parses the rate-limit headers Pipedrive sends (reset is *seconds until*, not an epoch). */
export function readRateHeaders(headers: Headers, nowEpochMs = Date.now()): RateHeaders {
  const num = (name: string): number | null => {
    const raw = headers.get(name);
    if (raw == null || raw.trim() === '') return null;
    const n = Number(raw);
    return Number.isFinite(n) ? n : null;
  };
  return {
    limit: num('x-ratelimit-limit'),
    remaining: num('x-ratelimit-remaining'),
    resetSeconds: num('x-ratelimit-reset'),
    retryAfterMs: parseRetryAfter(headers.get('retry-after'), nowEpochMs),
    dailyRequestsLeft: num('x-daily-requests-left'),
  };
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; null when absent or junk. */
export function parseRetryAfter(value: string | null, nowEpochMs = Date.now()): number | null {
  if (value == null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - nowEpochMs);
}
