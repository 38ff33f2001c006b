import { describe, expect, it } from 'vitest';
import { rateLane, tokenCost } from '../../../electron/engine/pipedrive/index.ts';

describe('tokenCost', () => {
  it.each([
    ['GET', '/api/v2/organizations', 10],
    ['GET', '/api/v2/organizations?limit=500&cursor=abc', 10],
    ['GET', '/api/v2/organizations/42', 1],
    ['POST', '/api/v2/organizations', 5],
    ['PATCH', '/api/v2/organizations/42', 5],
    ['DELETE', '/api/v2/organizations/42', 3],
    ['GET', '/api/v2/organizations/search', 20],
    ['GET', '/api/v2/organizationFields', 10],
    ['GET', '/api/v2/organizationFields/abc123', 1],
    ['DELETE', '/v1/organizations', 10],
    ['DELETE', '/api/v1/organizations', 10],
    ['GET', '/v1/organizationFields', 20],
    ['GET', '/v1/users', 20],
    ['GET', '/v1/users/me', 2],
    ['GET', '/v1/users/7', 2],
    ['GET', '/v1/users/find', 40],
    ['GET', '/api/v2/organizations/3/followers', 10],
    ['GET', '/v1/organizations/3/flow', 40],
    ['GET', '/v1/organizations/3/persons', 20],
  ])('%s %s costs %i', (method, path, cost) => {
    expect(tokenCost(method, path)).toBe(cost);
  });

  it('falls back to the generic table for endpoints not listed', () => {
    expect(tokenCost('GET', '/v1/somethingNew')).toBe(20);
    expect(tokenCost('GET', '/v1/somethingNew/5')).toBe(2);
    expect(tokenCost('GET', '/api/v2/somethingNew')).toBe(10);
    expect(tokenCost('DELETE', '/api/v2/somethingNew/5')).toBe(3);
  });
});

describe('rateLane', () => {
  it('puts search endpoints in their own lane', () => {
    expect(rateLane('/api/v2/organizations/search')).toBe('search');
    expect(rateLane('/api/v2/itemSearch')).toBe('search');
    expect(rateLane('/api/v2/organizations')).toBe('general');
    expect(rateLane('/v1/users')).toBe('general');
  });
});
