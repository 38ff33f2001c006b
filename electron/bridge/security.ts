/**
 * The web bridge's gatekeeping, as pure functions: it listens on the loopback interface only, every
 * URL starts with a random per-run secret, and requests that name a foreign `Host` (DNS rebinding) or
 * come from a foreign `Origin` (another site in the same browser) are refused.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The only interface the bridge binds. */
export const LOOPBACK_HOST = '127.0.0.1';

/** Throws unless `host` is the loopback address (the bridge never listens on a network). */
export function assertLoopbackHost(host: string): void {
  if (host !== LOOPBACK_HOST) {
    throw new Error(
      `The web bridge listens on ${LOOPBACK_HOST} only (asked for "${host}"): it gives full access to ` +
        'your Pipedrive data, so it must not be reachable from the network.',
    );
  }
}

/** A new random secret for one run of the bridge (URL-safe, 192 bits). */
export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** The `Host` header values the bridge answers to. */
export function allowedHosts(port: number): ReadonlyArray<string> {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** The `Origin` values of our own page. */
export function allowedOrigins(port: number): ReadonlyArray<string> {
  return allowedHosts(port).map((host) => `http://${host}`);
}

/** What is checked of a request. */
export interface RequestFacts {
  readonly url: string;
  readonly host: string | undefined;
  readonly origin: string | undefined;
}

/** The outcome of {@link checkRequest}: the path after the secret, or a refusal. */
export type RequestVerdict =
  | { readonly ok: true; readonly route: string; readonly query: URLSearchParams }
  | { readonly ok: false; readonly status: 400 | 403; readonly message: string };

function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks one request. `requireOrigin` is set for WebSocket upgrades and uploads: browsers always send
 * `Origin` on those, so a missing one means the request did not come from our page. Plain page and
 * asset loads carry no `Origin` and are let through on host and secret alone.
 */
export function checkRequest(
  request: RequestFacts,
  expected: { readonly secret: string; readonly port: number },
  options: { readonly requireOrigin: boolean },
): RequestVerdict {
  if (request.host === undefined || !allowedHosts(expected.port).includes(request.host.toLowerCase())) {
    return { ok: false, status: 403, message: 'Unknown host.' };
  }
  if (request.origin !== undefined) {
    if (!allowedOrigins(expected.port).includes(request.origin.toLowerCase())) {
      return { ok: false, status: 403, message: 'Requests from other sites are refused.' };
    }
  } else if (options.requireOrigin) {
    return { ok: false, status: 403, message: 'Missing Origin.' };
  }
  let url: URL;
  try {
    url = new URL(request.url, 'http://bridge.invalid');
  } catch {
    return { ok: false, status: 400, message: 'Bad URL.' };
  }
  const [, first = '', ...rest] = url.pathname.split('/');
  if (!sameSecret(first, expected.secret)) {
    return {
      ok: false,
      status: 403,
      message: 'This address needs the secret link printed by "orgport web".',
    };
  }
  // An empty route means "/SECRET" without the slash: the caller redirects so relative URLs resolve.
  return { ok: true, route: rest.length === 0 ? '' : `/${rest.join('/')}`, query: url.searchParams };
}

/** Headers sent with every response: no caching of secrets, no sniffing, no framing, no referrer. */
export function baseHeaders(): Record<string, string> {
  return {
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // The secret is in the URL: a Referer would hand it to any site the page links to.
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}
