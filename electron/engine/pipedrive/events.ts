/**
 * What the client reports while it works, for verbose logs (CLI `--verbose`, job logs). Every string
 * in an event is already redacted; paths carry no credentials.
 */
import type { PipedriveErrorKind } from './errors.ts';
import type { RateLane } from './token-costs.ts';

/** One HTTP attempt finished (answered or failed in transport). */
export interface RequestEvent {
  type: 'request';
  method: string;
  path: string;
  lane: RateLane;
  /** HTTP status, or null when no response came back. */
  status: number | null;
  attempt: number;
  durationMs: number;
  /** Tokens this attempt spent per the cost table (0 for 429s and transport failures). */
  cost: number;
  /** Set when the attempt failed: the error kind it maps to. */
  error?: PipedriveErrorKind;
  /** Network error code (ECONNRESET, ETIMEDOUT, …) for transport failures. */
  code?: string;
}

/** The same call will be attempted again after `delayMs`. */
export interface RetryEvent {
  type: 'retry';
  method: string;
  path: string;
  /** The attempt that is about to start (2 for the first retry). */
  attempt: number;
  delayMs: number;
  reason: string;
}

/** A burst 429: all requests of the connection pause for `waitMs`, concurrency shrinks. */
export interface RateLimitedEvent {
  type: 'rate-limited';
  method: string;
  path: string;
  waitMs: number;
  concurrency: number;
}

/** The daily token budget is used up; requests stop until it resets. */
export interface BudgetExhaustedEvent {
  type: 'budget-exhausted';
  method: string;
  path: string;
}

/** A bulk delete switched from the v1 endpoint to per-id v2 deletes. */
export interface BulkDeleteFallbackEvent {
  type: 'bulk-delete-fallback';
  status: number;
  /**
   * An earlier attempt of the v1 call lost its answer before the endpoint went away: it may have
   * deleted the chunk's IDs, so a per-id 404 for them means "deleted by us", not "was never there".
   */
  maybeApplied: boolean;
}

/** Everything `onEvent` receives. */
export type PipedriveEvent =
  RequestEvent | RetryEvent | RateLimitedEvent | BudgetExhaustedEvent | BulkDeleteFallbackEvent;
