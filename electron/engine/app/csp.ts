/**
 * The Content-Security-Policy the renderer runs under, in the desktop window and in the browser
 * version alike: only our own scripts and styles, no inline script, no eval, no plugins, no framing,
 * no form posts, and network access only back to where the page came from (plus the bridge's socket).
 */

/** Builds the policy; `connect` adds sources the page may connect to (the bridge's ws:// URL). */
export function rendererCsp(connect: ReadonlyArray<string> = []): string {
  const directives: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'", ...connect]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
