import { describe, expect, it } from 'vitest';
import {
  authHeaders,
  connectionKey,
  DEFAULT_BASE_URL,
  InvalidBaseUrlError,
  normalizeBaseUrl,
} from '../../../electron/engine/pipedrive/index.ts';

describe('normalizeBaseUrl', () => {
  it.each([
    [undefined, DEFAULT_BASE_URL],
    ['', DEFAULT_BASE_URL],
    ['  ', DEFAULT_BASE_URL],
    ['acme', 'https://acme.pipedrive.com'],
    ['my-company-2', 'https://my-company-2.pipedrive.com'],
    ['acme.pipedrive.com', 'https://acme.pipedrive.com'],
    ['ACME.pipedrive.com/', 'https://acme.pipedrive.com'],
    ['https://api.pipedrive.com', 'https://api.pipedrive.com'],
    ['https://api.pipedrive.com/', 'https://api.pipedrive.com'],
    ['https://api.pipedrive.com/v1', 'https://api.pipedrive.com'],
    ['https://acme.pipedrive.com/api/v2/', 'https://acme.pipedrive.com'],
    ['http://127.0.0.1:4123', 'http://127.0.0.1:4123'],
    ['http://127.0.0.1:4123/', 'http://127.0.0.1:4123'],
    ['127.0.0.1:4123', 'http://127.0.0.1:4123'],
    ['localhost:8080', 'http://localhost:8080'],
    ['https://proxy.example.com/pipedrive/', 'https://proxy.example.com/pipedrive'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeBaseUrl(input)).toBe(expected);
  });

  it.each([
    'ftp://acme.pipedrive.com',
    'acme pipedrive',
    'https://user:secret@acme.pipedrive.com',
    'https://acme.pipedrive.com/?api_token=abc',
    'http://',
    '%%%',
  ])('rejects %s with a clear error', (input) => {
    expect(() => normalizeBaseUrl(input)).toThrow(InvalidBaseUrlError);
    expect(() => normalizeBaseUrl(input)).toThrow(/company domain/);
  });

  it('does not echo a credential from a junk URL', () => {
    let message = '';
    try {
      normalizeBaseUrl('https://acme.pipedrive.com/?api_token=abcdef123456');
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/query string/);
    expect(message).not.toContain('abcdef123456');
  });
});

describe('connectionKey', () => {
  const token = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2';

  it('is the same for the same identity however the URL was typed, and never holds the token', () => {
    const a = connectionKey({ baseUrl: 'acme', auth: { kind: 'token', token } });
    const b = connectionKey({ baseUrl: 'https://acme.pipedrive.com/', auth: { kind: 'token', token } });
    expect(a).toBe(b);
    expect(a).not.toContain(token);
    expect(a.startsWith('https://acme.pipedrive.com#token:')).toBe(true);
  });

  it('differs per credential and per host', () => {
    const base = connectionKey({ baseUrl: 'acme', auth: { kind: 'token', token } });
    expect(connectionKey({ baseUrl: 'acme', auth: { kind: 'token', token: `${token}x` } })).not.toBe(base);
    expect(connectionKey({ baseUrl: 'other', auth: { kind: 'token', token } })).not.toBe(base);
    expect(connectionKey({ baseUrl: 'acme', auth: { kind: 'oauth', accessToken: token } })).not.toBe(base);
  });
});

describe('authHeaders', () => {
  it('puts an API token in x-api-token and an OAuth token in a Bearer header', () => {
    expect(authHeaders({ kind: 'token', token: 'abc12345' })).toEqual({ 'x-api-token': 'abc12345' });
    expect(authHeaders({ kind: 'oauth', accessToken: 'xyz98765' })).toEqual({
      authorization: 'Bearer xyz98765',
    });
  });
});
