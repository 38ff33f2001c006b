import { describe, expect, it } from 'vitest';
import {
  assertLoopbackHost,
  baseHeaders,
  checkRequest,
  newSecret,
} from '../../../electron/bridge/security.ts';

const expected = { secret: 'S3cr3t', port: 4000 };
const ok = { host: '127.0.0.1:4000', origin: undefined };

describe('checkRequest', () => {
  it('lets our own page through and strips the secret from the route', () => {
    const verdict = checkRequest({ ...ok, url: '/S3cr3t/assets/x.js?a=1' }, expected, {
      requireOrigin: false,
    });
    expect(verdict).toMatchObject({ ok: true, route: '/assets/x.js' });
    if (verdict.ok) expect(verdict.query.get('a')).toBe('1');
    expect(checkRequest({ ...ok, url: '/S3cr3t' }, expected, { requireOrigin: false })).toMatchObject({
      route: '',
    });
    expect(
      checkRequest({ host: 'localhost:4000', origin: 'http://localhost:4000', url: '/S3cr3t/ws' }, expected, {
        requireOrigin: true,
      }).ok,
    ).toBe(true);
  });

  it('refuses a request without the secret, or with a wrong one', () => {
    expect(checkRequest({ ...ok, url: '/' }, expected, { requireOrigin: false })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(checkRequest({ ...ok, url: '/S3cr3x/' }, expected, { requireOrigin: false })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(checkRequest({ ...ok, url: '/assets/S3cr3t/' }, expected, { requireOrigin: false }).ok).toBe(
      false,
    );
  });

  it('refuses a foreign Host (DNS rebinding) and a missing one', () => {
    for (const host of ['evil.example:4000', '127.0.0.1:4001', '127.0.0.1', undefined]) {
      expect(
        checkRequest({ host, origin: undefined, url: '/S3cr3t/' }, expected, { requireOrigin: false }),
      ).toMatchObject({ ok: false, status: 403 });
    }
  });

  it('refuses a foreign Origin, and a missing one where browsers always send it', () => {
    const foreign = checkRequest({ ...ok, origin: 'http://evil.example', url: '/S3cr3t/' }, expected, {
      requireOrigin: false,
    });
    expect(foreign).toMatchObject({
      ok: false,
      status: 403,
      message: 'Requests from other sites are refused.',
    });
    expect(
      checkRequest({ ...ok, origin: 'null', url: '/S3cr3t/ws' }, expected, { requireOrigin: true }).ok,
    ).toBe(false);
    expect(checkRequest({ ...ok, url: '/S3cr3t/ws' }, expected, { requireOrigin: true }).ok).toBe(false);
  });
});

describe('the rest of the gate', () => {
  it('binds the loopback address only', () => {
    expect(() => assertLoopbackHost('127.0.0.1')).not.toThrow();
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'localhost'])
      expect(() => assertLoopbackHost(host)).toThrow(/127\.0\.0\.1 only/);
  });

  it('makes long random URL-safe secrets', () => {
    const a = newSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newSecret()).not.toBe(a);
  });

  it('sends no referrer (the secret is in the URL) and forbids framing', () => {
    expect(baseHeaders()).toMatchObject({ 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' });
  });
});
