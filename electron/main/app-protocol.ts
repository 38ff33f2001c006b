/**
 * Serves the built renderer under `orgport://app/` with the Content-Security-Policy as a response
 * header. The path lookup is pure and refuses anything outside the renderer folder.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Net, Protocol } from 'electron';
import { rendererCsp } from '../engine/app/csp.ts';
import { APP_HOST, APP_SCHEME } from './security.ts';

/** The file an app URL names inside `root`, or null when it is not ours or would leave `root`. */
export function resolveAppFile(url: string, root: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..')) return null;
  const file = path.resolve(root, ...(segments.length === 0 ? ['index.html'] : segments));
  const relative = path.relative(path.resolve(root), file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? null : file;
}

/** Headers added to every app response. */
export function appResponseHeaders(): Record<string, string> {
  return {
    'content-security-policy': rendererCsp(),
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
  };
}

/** Registers the `orgport://` handler (call after `app` is ready). */
export function registerAppProtocol(protocol: Protocol, net: Net, root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, root);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(appResponseHeaders())) headers.set(name, value);
    return new Response(response.body, { status: response.status, headers });
  });
}
