/**
 * Keeps Pipedrive credentials out of every string Orgport prints, logs or throws.
 *
 * Two layers: every credential a connection is made with is registered here and replaced wherever it
 * appears, and known credential carriers (`api_token=` query, `x-api-token:` header, `Bearer …`) are
 * masked by pattern even when the secret was never registered (e.g. a URL pasted by the user).
 */

/** What a removed secret is replaced with. */
export const REDACTED = '[redacted]';

// Secrets shorter than this are not registered: replacing e.g. "a" everywhere would mangle messages
// without protecting anything real (Pipedrive tokens are 40 hex characters).
const MIN_SECRET_LENGTH = 4;
const secrets = new Set<string>();

const CARRIER_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/([?&;]api_token=)[^&#\s"']*/gi, `$1${REDACTED}`],
  [/(x-api-token["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, `$1${REDACTED}`],
  [/(bearer\s+)[A-Za-z0-9._~+/=-]+/gi, `$1${REDACTED}`],
];

/** Remembers a credential so {@link redact} removes it from any text from now on. */
export function registerSecret(secret: string): void {
  if (secret.length >= MIN_SECRET_LENGTH) secrets.add(secret);
}

/** Returns `text` with every registered secret and every credential-looking fragment masked. */
export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    // The token may also appear URL-encoded (e.g. in a query string someone built by hand).
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret && out.includes(encoded)) out = out.split(encoded).join(REDACTED);
  }
  for (const [pattern, replacement] of CARRIER_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * The path of a request URL for messages and logs: pathname plus a query with any credential
 * parameter removed, then {@link redact}ed. Never includes scheme, host or userinfo.
 */
export function redactPath(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url, 'http://x.invalid') : url;
  } catch {
    return redact(String(url));
  }
  const params = new URLSearchParams(parsed.search);
  params.delete('api_token');
  const query = params.toString();
  // Commas are kept readable: `ids=1,2,3` is far easier to scan in a log than `ids=1%2C2%2C3`.
  const shown = query ? `?${query.replace(/%2C/gi, ',')}` : '';
  return redact(`${parsed.pathname}${shown}`);
}
