/**
 * The one error type the Pipedrive client throws, and the mapping from HTTP outcomes to it.
 * Every text that goes into an error passes through {@link redact}, so no credential can leak through
 * `message`, `stack`, `toString()`, `JSON.stringify(error)` or the `cause` we attach.
 */
import { redact } from './redact.ts';

/** What went wrong, as callers branch on it. */
export type PipedriveErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'validation'
  | 'rate_limited'
  | 'budget_exhausted'
  | 'server'
  | 'network'
  | 'cancelled'
  | 'unexpected';

/** Everything a {@link PipedriveError} carries; all strings are redacted on construction. */
export interface PipedriveErrorInit {
  kind: PipedriveErrorKind;
  method: string;
  /** Request path with query, credential parameters removed (see `redactPath`). */
  path: string;
  status?: number | null;
  pipedriveMessage?: string | null;
  errorInfo?: string | null;
  /** Pipedrive's machine code when it sends one (e.g. `feature_capping_deals_limit`), or a network code. */
  code?: string | null;
  retryable?: boolean;
  maybeApplied?: boolean;
  /** The 403 is Cloudflare's HTML block page that follows ignored 429s. */
  blockedByCloudflare?: boolean;
  retryAfterMs?: number | null;
  attempts?: number;
  cause?: unknown;
  /** Overrides the generated summary line (still redacted). */
  message?: string;
}

const SUMMARY: Record<PipedriveErrorKind, string> = {
  unauthorized: 'Pipedrive rejected the credentials (check the API token or reconnect OAuth)',
  forbidden: 'Pipedrive refused the request',
  not_found: 'Not found in Pipedrive',
  validation: 'Pipedrive rejected the data',
  rate_limited: 'Pipedrive rate limit hit',
  budget_exhausted: "The company's daily Pipedrive API token budget is used up; resume after it resets",
  server: 'Pipedrive had a server error',
  network: 'Could not reach Pipedrive',
  cancelled: 'Cancelled',
  unexpected: 'Unexpected response from Pipedrive',
};

/** A failed Pipedrive request. Branch on `kind`; `retryable` and `maybeApplied` drive job logic. */
export class PipedriveError extends Error {
  override name = 'PipedriveError';
  readonly kind: PipedriveErrorKind;
  readonly status: number | null;
  readonly method: string;
  readonly path: string;
  readonly pipedriveMessage: string | null;
  readonly errorInfo: string | null;
  readonly code: string | null;
  readonly retryable: boolean;
  /** For writes: the request may have reached Pipedrive although no answer came back. */
  readonly maybeApplied: boolean;
  readonly blockedByCloudflare: boolean;
  readonly retryAfterMs: number | null;
  readonly attempts: number;

  constructor(init: PipedriveErrorInit) {
    const path = redact(init.path);
    const pdMessage = init.pipedriveMessage == null ? null : redact(init.pipedriveMessage);
    const where = `${init.method} ${path}${init.status ? `, HTTP ${init.status}` : ''}`;
    const head = init.message ?? SUMMARY[init.kind];
    super(
      redact(`${head}${pdMessage ? `: ${pdMessage}` : ''} (${where})`),
      init.cause === undefined ? undefined : { cause: sanitizeCause(init.cause) },
    );
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.method = init.method;
    this.path = path;
    this.pipedriveMessage = pdMessage;
    this.errorInfo = init.errorInfo == null ? null : redact(init.errorInfo);
    this.code = init.code ?? null;
    this.retryable = init.retryable ?? false;
    this.maybeApplied = init.maybeApplied ?? false;
    this.blockedByCloudflare = init.blockedByCloudflare ?? false;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.attempts = init.attempts ?? 1;
  }

  /** A plain, redacted object; what `JSON.stringify(error)` prints. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      status: this.status,
      method: this.method,
      path: this.path,
      pipedriveMessage: this.pipedriveMessage,
      errorInfo: this.errorInfo,
      code: this.code,
      retryable: this.retryable,
      maybeApplied: this.maybeApplied,
      blockedByCloudflare: this.blockedByCloudflare,
      retryAfterMs: this.retryAfterMs,
      attempts: this.attempts,
    };
  }
}

/** True for a {@link PipedriveError}, optionally of one of the given kinds. */
export function isPipedriveError(error: unknown, ...kinds: PipedriveErrorKind[]): error is PipedriveError {
  return error instanceof PipedriveError && (kinds.length === 0 || kinds.includes(error.kind));
}

// Only name/code/message of the original error survive, redacted; a raw undici error can hold the
// request (and so the headers) deep in its own cause chain.
function sanitizeCause(cause: unknown): Error {
  if (cause instanceof PipedriveError) return cause;
  const source = cause instanceof Error ? cause : new Error(String(cause));
  const code = networkCode(cause);
  const clean = new Error(redact(`${source.name}: ${source.message}${code ? ` [${code}]` : ''}`));
  clean.name = source.name;
  clean.stack = clean.message;
  return clean;
}

/** A response body, read once: the raw text, and the JSON value when it parsed. */
export interface ResponseBody {
  text: string;
  json: unknown;
  isJson: boolean;
}

/** Parses a response body without throwing. */
export function parseBody(text: string, contentType: string | null): ResponseBody {
  const looksJson = /json/i.test(contentType ?? '') || /^\s*[[{]/.test(text);
  if (looksJson && text.trim() !== '') {
    try {
      return { text, json: JSON.parse(text) as unknown, isJson: true };
    } catch {
      // fall through: a broken JSON body is treated like any other non-JSON body
    }
  }
  return { text, json: undefined, isJson: false };
}

function field(json: unknown, key: string): unknown {
  return json !== null && typeof json === 'object' ? (json as Record<string, unknown>)[key] : undefined;
}

/** Pipedrive's own error texts from an error envelope. */
export function envelopeMessage(body: ResponseBody): {
  message: string | null;
  info: string | null;
  code: string | null;
} {
  if (!body.isJson) {
    const text = body.text
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    return { message: text ? text.slice(0, 200) : null, info: null, code: null };
  }
  const str = (v: unknown): string | null =>
    typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
  return {
    message: str(field(body.json, 'error')) ?? str(field(body.json, 'message')),
    info: str(field(body.json, 'error_info')),
    code: str(field(body.json, 'code')),
  };
}

/** The parts of a non-2xx response {@link errorFromResponse} needs. */
export interface FailedResponse {
  status: number;
  method: string;
  path: string;
  body: ResponseBody;
  isWrite: boolean;
  /** Set by the governor's verdict for 429s. */
  budgetExhausted?: boolean;
  retryAfterMs?: number | null;
  attempts?: number;
  /** An earlier attempt of this write lost its answer: whatever this one says, that one may have landed. */
  earlierMayHaveApplied?: boolean;
}

/** Maps a non-2xx response to a {@link PipedriveError}. */
export function errorFromResponse(r: FailedResponse): PipedriveError {
  const { message, info, code } = envelopeMessage(r.body);
  const base = {
    method: r.method,
    path: r.path,
    status: r.status,
    pipedriveMessage: message,
    errorInfo: info,
    code,
    attempts: r.attempts ?? 1,
    maybeApplied: r.earlierMayHaveApplied === true,
  };
  const s = r.status;
  if (s === 400 || s === 422) return new PipedriveError({ ...base, kind: 'validation' });
  if (s === 401) return new PipedriveError({ ...base, kind: 'unauthorized' });
  if (s === 402) {
    return new PipedriveError({
      ...base,
      kind: 'forbidden',
      message: 'The Pipedrive company account is not active (payment required)',
    });
  }
  if (s === 403) {
    if (!r.body.isJson) {
      return new PipedriveError({
        ...base,
        kind: 'forbidden',
        pipedriveMessage: null,
        blockedByCloudflare: true,
        message:
          'Pipedrive (Cloudflare) blocked this client after repeated rate-limit responses; wait a few ' +
          'minutes before trying again',
      });
    }
    return new PipedriveError({ ...base, kind: 'forbidden' });
  }
  if (s === 404 || s === 405 || s === 410) return new PipedriveError({ ...base, kind: 'not_found' });
  if (s === 429) {
    if (r.budgetExhausted) return new PipedriveError({ ...base, kind: 'budget_exhausted' });
    return new PipedriveError({
      ...base,
      kind: 'rate_limited',
      retryable: true,
      retryAfterMs: r.retryAfterMs ?? null,
    });
  }
  if (s >= 500) {
    return new PipedriveError({ ...base, kind: 'server', retryable: true, maybeApplied: r.isWrite });
  }
  return new PipedriveError({ ...base, kind: 'unexpected' });
}

/** The first `code` found along an error's cause chain (undici nests the socket error). */
export function networkCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current != null; depth++) {
    const code = field(current, 'code');
    if (typeof code === 'string' && code !== '') return code;
    current = field(current, 'cause');
  }
  return null;
}

// Failures that happen before a single byte of the request can have reached the server.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Whether a transport failure certainly happened before the request was sent. */
export function failedBeforeSending(error: unknown): boolean {
  const code = networkCode(error);
  return code !== null && NOT_SENT_CODES.has(code);
}
