/**
 * Where and as whom Orgport talks to Pipedrive: the base URL rules and the credential headers.
 */
import { createHash } from 'node:crypto';
import { redact, registerSecret } from './redact.ts';

/** The generic Pipedrive host, used when no base URL is given. */
export const DEFAULT_BASE_URL = 'https://api.pipedrive.com';

/** How requests authenticate: a personal API token or an OAuth access token. */
export type PipedriveAuth = { kind: 'token'; token: string } | { kind: 'oauth'; accessToken: string };

/** A Pipedrive company to talk to. `baseUrl` may be raw user input; the client normalises it. */
export interface PipedriveConnection {
  baseUrl: string;
  auth: PipedriveAuth;
}

/** The same shape as {@link PipedriveConnection}, under the name the CLI uses. */
export type ConnectionConfig = PipedriveConnection;

/** Thrown for a base URL that cannot be a Pipedrive host, a proxy or a sandbox. */
export class InvalidBaseUrlError extends Error {
  override name = 'InvalidBaseUrlError';
}

const COMPANY_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const HOST_WITH_PORT = /^[a-z0-9.-]+(?::\d{1,5})?(?:\/.*)?$/i;
// SDK-style base paths that people paste; the client adds the version prefix itself.
const VERSION_SUFFIX = /\/(?:api\/v[12]|v1)$/i;

/**
 * Turns what a user typed into a base URL: `acme` or `acme.pipedrive.com` → `https://acme.pipedrive.com`;
 * nothing → {@link DEFAULT_BASE_URL}; any other http(s) URL (sandbox, proxy) is kept, minus a trailing
 * slash or a pasted `/v1`, `/api/v2` suffix. Throws {@link InvalidBaseUrlError} for anything else.
 */
export function normalizeBaseUrl(input: string | null | undefined): string {
  const raw = (input ?? '').trim();
  if (raw === '') return DEFAULT_BASE_URL;
  const fail = (why: string): never => {
    throw new InvalidBaseUrlError(
      `Invalid Pipedrive base URL "${redact(withoutUserInfo(raw))}": ${why}. Give a company domain (acme or ` +
        `acme.pipedrive.com), https://api.pipedrive.com, or the full http(s) URL of a sandbox or proxy.`,
    );
  };
  if (/\s/.test(raw)) fail('it contains spaces');

  let candidate = raw;
  if (COMPANY_NAME.test(raw) && raw.toLowerCase() !== 'localhost') {
    candidate = `https://${raw}.pipedrive.com`;
  } else if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    if (!HOST_WITH_PORT.test(raw)) fail('it is neither a domain nor a URL');
    // A bare local host is almost certainly a sandbox, which serves plain HTTP.
    const local = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(?::|\/|$)/i.test(raw);
    candidate = `${local ? 'http' : 'https'}://${raw}`;
  }

  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return fail('it is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    fail(`the scheme ${url.protocol} is not http(s)`);
  if (url.username || url.password) fail('credentials do not belong in the URL; use the token setting');
  if (url.search || url.hash) fail('a base URL has no query string or fragment');
  if (!url.hostname) fail('it has no host');

  let path = url.pathname.replace(/\/+$/, '');
  path = path.replace(VERSION_SUFFIX, '');
  return `${url.protocol}//${url.host}${path}`;
}

/**
 * The text with a URL's user-info part (`user:secret@`) masked: that is where people paste a token,
 * and it is refused before any token is registered for {@link redact}, so it is masked by position.
 */
function withoutUserInfo(text: string): string {
  return text.replace(/^((?:[a-z][a-z0-9+.-]*:)?\/\/)?[^/?#\s]*@/i, '$1[redacted]@');
}

/** The secret of a credential, whatever its kind. */
export function credentialSecret(auth: PipedriveAuth): string {
  return auth.kind === 'token' ? auth.token : auth.accessToken;
}

/**
 * A stable key for "the same Pipedrive identity": normalised base URL plus a hash of the credential.
 * Burst limits are per token, so every client built from the same key must share one governor; the
 * raw secret never becomes part of a key (keys end up in logs and maps that get printed).
 */
export function connectionKey(connection: PipedriveConnection): string {
  const digest = createHash('sha256')
    .update(`${connection.auth.kind}\0${credentialSecret(connection.auth)}`)
    .digest('hex')
    .slice(0, 16);
  return `${normalizeBaseUrl(connection.baseUrl)}#${connection.auth.kind}:${digest}`;
}

/** The authentication headers for a request; registers the secret for redaction on the way. */
export function authHeaders(auth: PipedriveAuth): Record<string, string> {
  const secret = credentialSecret(auth);
  registerSecret(secret);
  return auth.kind === 'token' ? { 'x-api-token': secret } : { authorization: `Bearer ${secret}` };
}
