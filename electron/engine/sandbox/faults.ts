/**
 * Fault injection: random faults at configured rates from a seeded generator (so a run can be
 * replayed), and deterministic one-shot faults a test queues for the next matching requests.
 */
import type { ResolvedSandboxOptions } from './options.ts';
import { Rng } from './prng.ts';

/**
 * - `drop`: the connection is destroyed before the request is handled (nothing applied);
 * - `serverError`: a 500/503 envelope, nothing applied;
 * - `lostResponse`: the request IS applied, then the connection is destroyed without a response;
 * - `rateLimit`: a burst 429, as if the window were full;
 * - `slow`: the request IS applied, then its answer is held back `delayMs` (a slow Pipedrive);
 * - `block`: the token's Cloudflare block starts now, as if it (or another client on it) had ignored
 *   429s (reference §6.5): HTML 403s for `cloudflareCoolOffMs`, this request included.
 */
export type FaultKind = 'drop' | 'serverError' | 'lostResponse' | 'rateLimit' | 'slow' | 'block';

/** A queued fault: hits the next `count` requests (default 1) that `match` accepts (default: any). */
export interface FaultSpec {
  kind: FaultKind;
  count?: number;
  /** For serverError: 500 (default), 502 or 503. */
  status?: 500 | 502 | 503;
  /** For slow: how long the answer is held back, in milliseconds (default 2000). */
  delayMs?: number;
  /** Which requests it applies to; `path` is the URL path without the query string. */
  match?: (method: string, path: string) => boolean;
}

/** A fault chosen for one request. */
export interface FaultDecision {
  kind: FaultKind;
  status: number;
  /** For slow only: the hold-back in milliseconds. */
  delayMs?: number;
}

/** Faults decided before rate limiting (they replace the limiter's verdict). */
const BEFORE_ADMISSION: ReadonlySet<FaultKind> = new Set(['rateLimit', 'block']);

interface Queued {
  spec: FaultSpec;
  left: number;
}

/** Decides, per request, whether and how it fails. */
export class FaultInjector {
  private faultRng: Rng;
  private latencyRng: Rng;
  private queue: Queued[] = [];

  constructor(
    private readonly seed: number,
    private readonly options: () => ResolvedSandboxOptions,
  ) {
    this.faultRng = new Rng(seed ^ 0xfa017);
    this.latencyRng = new Rng(seed ^ 0x1a7e);
  }

  /** Queues a deterministic fault. */
  inject(spec: FaultSpec): void {
    const count = spec.count ?? 1;
    if (!Number.isInteger(count) || count < 1)
      throw new RangeError('injectFault: count must be a positive integer');
    if (spec.delayMs !== undefined && !(Number.isInteger(spec.delayMs) && spec.delayMs >= 0))
      throw new RangeError('injectFault: delayMs must be a non-negative integer');
    this.queue.push({ spec, left: count });
  }

  /** Drops queued faults and restarts the random sequence from the seed. */
  reset(): void {
    this.queue = [];
    this.faultRng = new Rng(this.seed ^ 0xfa017);
    this.latencyRng = new Rng(this.seed ^ 0x1a7e);
  }

  /** Queued faults not yet used up. */
  pending(): number {
    return this.queue.reduce((n, q) => n + q.left, 0);
  }

  /** Milliseconds to delay this request. */
  latency(): number {
    const o = this.options();
    const jitter = o.latencyJitterMs > 0 ? Math.floor(this.latencyRng.next() * (o.latencyJitterMs + 1)) : 0;
    return o.latencyMs + jitter;
  }

  /** Before rate limiting: a queued `rateLimit` or `block` fault for this request, if any. */
  beforeAdmission(method: string, path: string): FaultDecision | null {
    return this.takeQueued(method, path, (kind) => BEFORE_ADMISSION.has(kind));
  }

  /** After admission: a queued fault first, else one drawn at the configured rates. */
  afterAdmission(method: string, path: string): FaultDecision | null {
    const queued = this.takeQueued(method, path, (kind) => !BEFORE_ADMISSION.has(kind));
    // Draw on every request, so the random sequence does not shift when a queued fault is used.
    const roll = this.faultRng.next();
    const second = this.faultRng.next();
    if (queued) return queued;
    const o = this.options();
    if (roll < o.serverErrorRate) return { kind: 'serverError', status: second < 0.5 ? 500 : 503 };
    if (roll < o.serverErrorRate + o.dropRate) return { kind: 'drop', status: 0 };
    if (roll < o.serverErrorRate + o.dropRate + o.lostResponseRate)
      return { kind: 'lostResponse', status: 0 };
    return null;
  }

  private takeQueued(
    method: string,
    path: string,
    wanted: (kind: FaultKind) => boolean,
  ): FaultDecision | null {
    const index = this.queue.findIndex((q) => wanted(q.spec.kind) && (q.spec.match?.(method, path) ?? true));
    const hit = this.queue[index];
    if (!hit) return null;
    hit.left--;
    if (hit.left === 0) this.queue.splice(index, 1);
    const { kind } = hit.spec;
    const status = kind === 'serverError' ? (hit.spec.status ?? 500) : 0;
    return kind === 'slow' ? { kind, status, delayMs: hit.spec.delayMs ?? 2000 } : { kind, status };
  }
}
