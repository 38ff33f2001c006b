import { describe, expect, it } from 'vitest';
import { errorFromResponse, parseBody, PipedriveError } from '../../../electron/engine/pipedrive/errors.ts';
import { redact, redactPath, registerSecret } from '../../../electron/engine/pipedrive/index.ts';

const envelope = (error: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    success: false,
    error,
    error_info: 'Please check developers.pipedrive.com',
    data: null,
    ...extra,
  });

function map(status: number, text: string, opts: { method?: string; budget?: boolean } = {}): PipedriveError {
  const method = opts.method ?? 'GET';
  return errorFromResponse({
    status,
    method,
    path: '/api/v2/organizations/5',
    body: parseBody(text, text.startsWith('<') ? 'text/html' : 'application/json'),
    isWrite: method !== 'GET',
    budgetExhausted: opts.budget ?? false,
  });
}

describe('errorFromResponse', () => {
  it.each([
    [400, 'validation', false],
    [422, 'validation', false],
    [401, 'unauthorized', false],
    [402, 'forbidden', false],
    [403, 'forbidden', false],
    [404, 'not_found', false],
    [405, 'not_found', false],
    [410, 'not_found', false],
    [429, 'rate_limited', true],
    [500, 'server', true],
    [503, 'server', true],
    [418, 'unexpected', false],
  ] as const)('HTTP %i → %s (retryable %s)', (status, kind, retryable) => {
    const error = map(status, envelope('Something specific'));
    expect(error).toBeInstanceOf(PipedriveError);
    expect(error).toMatchObject({ kind, status, retryable, method: 'GET', path: '/api/v2/organizations/5' });
    expect(error.pipedriveMessage).toBe('Something specific');
    expect(error.message).toContain('GET /api/v2/organizations/5');
  });

  it('keeps Pipedrive’s own validation text, error_info and code', () => {
    const error = map(403, envelope('Limit reached', { code: 'feature_capping_deals_limit' }));
    expect(error).toMatchObject({
      kind: 'forbidden',
      pipedriveMessage: 'Limit reached',
      errorInfo: 'Please check developers.pipedrive.com',
      code: 'feature_capping_deals_limit',
      blockedByCloudflare: false,
    });
  });

  it('recognises the HTML 403 Cloudflare sends after ignored 429s', () => {
    const html =
      '<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head><body>x</body></html>';
    const error = map(403, html);
    expect(error).toMatchObject({ kind: 'forbidden', blockedByCloudflare: true, retryable: false });
    expect(error.message).toMatch(/Cloudflare/);
  });

  it('marks a 5xx on a write as maybe applied, never on a read', () => {
    expect(map(500, envelope('x'), { method: 'POST' }).maybeApplied).toBe(true);
    expect(map(502, envelope('x'), { method: 'PATCH' }).maybeApplied).toBe(true);
    expect(map(500, envelope('x')).maybeApplied).toBe(false);
    expect(map(400, envelope('x'), { method: 'POST' }).maybeApplied).toBe(false);
  });

  it('turns a budget 429 into budget_exhausted, not retryable', () => {
    const error = map(429, envelope('Request over limit'), { budget: true });
    expect(error).toMatchObject({ kind: 'budget_exhausted', retryable: false });
  });

  it('summarises a non-JSON error body instead of dumping HTML', () => {
    const error = map(502, '<html><body><h1>Bad gateway</h1><script>x()</script></body></html>');
    expect(error.pipedriveMessage).toBe('Bad gateway');
  });
});

describe('redaction', () => {
  const secret = 'f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed';

  it('removes registered secrets and credential carriers from any text', () => {
    registerSecret(secret);
    expect(redact(`token ${secret} twice ${secret}`)).toBe('token [redacted] twice [redacted]');
    expect(redact('GET /v1/users?api_token=unregistered999&start=0')).toBe(
      'GET /v1/users?api_token=[redacted]&start=0',
    );
    expect(redact('x-api-token: zzzz9999')).toBe('x-api-token: [redacted]');
    expect(redact('Authorization: Bearer abc.def-ghi')).toBe('Authorization: Bearer [redacted]');
  });

  it('strips credential parameters from paths', () => {
    expect(redactPath('/v1/organizations?ids=1%2C2&api_token=abc')).toBe('/v1/organizations?ids=1,2');
    expect(redactPath('http://h/api/v2/organizations?limit=500')).toBe('/api/v2/organizations?limit=500');
  });

  it('never lets a secret out through an error, its JSON or its cause', () => {
    registerSecret(secret);
    const cause = new Error(`socket closed while sending x-api-token: ${secret}`);
    const error = new PipedriveError({
      kind: 'network',
      method: 'GET',
      path: `/api/v2/organizations?api_token=${secret}`,
      pipedriveMessage: `echo ${secret}`,
      cause,
    });
    const texts = [error.message, String(error), JSON.stringify(error), error.stack ?? '', error.path];
    const c = error.cause;
    if (c instanceof Error) texts.push(c.message, c.stack ?? '', String(c));
    for (const text of texts) expect(text).not.toContain(secret);
    expect(c).not.toBe(cause);
  });
});
