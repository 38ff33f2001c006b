import { describe, expect, it, vi } from 'vitest';
import {
  createOrgportApi,
  EVENT_CHANNELS,
  EVENT_METHODS,
  INVOKE_CHANNELS,
  INVOKE_METHODS,
  isInvokeChannel,
  type OrgportTransport,
} from '../../../shared/ipc.ts';
import { INVOKE_SCHEMAS, parseInvokeArgs } from '../../../shared/ipc-schemas.ts';

describe('the contract tables', () => {
  it('gives every call and event its own method name', () => {
    const names = [...Object.values(INVOKE_METHODS), ...Object.values(EVENT_METHODS), 'fileFromDrop'];
    expect(new Set(names).size).toBe(names.length);
  });

  it('has a schema for every call channel and nothing else', () => {
    expect(Object.keys(INVOKE_SCHEMAS).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('names channels kebab-case and namespaced', () => {
    for (const channel of [...INVOKE_CHANNELS, ...EVENT_CHANNELS]) {
      expect(channel).toMatch(/^[a-z]+(?:-[a-z]+)*\/[a-z]+(?:-[a-z]+)*$/);
    }
  });

  it('does not take inherited property names for channels', () => {
    expect(isInvokeChannel('toString')).toBe(false);
    expect(isInvokeChannel('__proto__')).toBe(false);
    expect(isInvokeChannel('connection/list')).toBe(true);
  });
});

describe('createOrgportApi', () => {
  const transport = (): OrgportTransport & { invoke: ReturnType<typeof vi.fn> } => ({
    invoke: vi.fn(async () => ({ ok: true as const, value: 'v' })),
    subscribe: vi.fn(() => () => undefined),
    fileFromDrop: vi.fn(async () => ({ ok: true as const, value: { path: '/p', name: 'n', size: 1 } })),
  });

  it('has one function per call and per event, and forwards channel and argument', async () => {
    const t = transport();
    const api = createOrgportApi(t);
    expect(Object.keys(api).sort()).toEqual(
      [...Object.values(INVOKE_METHODS), ...Object.values(EVENT_METHODS), 'fileFromDrop'].sort(),
    );
    await api.activateConnection({ profileId: 'x' });
    expect(t.invoke).toHaveBeenCalledWith('connection/activate', { profileId: 'x' });
    await api.listJobs();
    expect(t.invoke).toHaveBeenLastCalledWith('job/list', undefined);
  });

  it('subscribes per event and returns the unsubscribe', () => {
    const t = transport();
    const stop = vi.fn();
    vi.mocked(t.subscribe).mockReturnValue(stop);
    const api = createOrgportApi(t);
    const unsubscribe = api.onJobProgress(() => undefined);
    expect(t.subscribe).toHaveBeenCalledWith('job/progress', expect.any(Function));
    unsubscribe();
    expect(stop).toHaveBeenCalled();
  });

  it('lets a transport implement a call locally', async () => {
    const t = transport();
    const local = vi.fn(async () => ({ ok: true as const, value: null }));
    const api = createOrgportApi(t, { 'file/open-dialog': local });
    await api.openFileDialog({});
    expect(local).toHaveBeenCalledWith({});
    expect(t.invoke).not.toHaveBeenCalled();
  });
});

describe('parseInvokeArgs', () => {
  it('accepts a well-formed call', () => {
    const result = parseInvokeArgs('connection/save', {
      name: 'Acme',
      kind: 'pipedrive',
      baseUrl: 'acme',
      token: 'abc123',
    });
    expect(result).toEqual({
      ok: true,
      args: { name: 'Acme', kind: 'pipedrive', baseUrl: 'acme', token: 'abc123' },
    });
  });

  it('names the bad field in a clear message', () => {
    const result = parseInvokeArgs('connection/save', { name: '  ', kind: 'pipedrive' });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.message).toBe('Invalid request to "connection/save": name: a name is required');
  });

  it('rejects unknown properties rather than ignoring them', () => {
    const result = parseInvokeArgs('job/pause', { jobId: 'a', extra: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/extra/);
  });

  it('rejects a bad token without repeating it', () => {
    const secret = 'very secret token';
    const result = parseInvokeArgs('connection/save', { name: 'A', kind: 'pipedrive', token: secret });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/token/);
      expect(result.message).not.toContain(secret);
    }
  });

  it('rejects arguments for calls that take none, and a missing argument where one is needed', () => {
    expect(parseInvokeArgs('job/list', { x: 1 }).ok).toBe(false);
    expect(parseInvokeArgs('job/list', undefined).ok).toBe(true);
    expect(parseInvokeArgs('job/get', undefined).ok).toBe(false);
  });

  it('checks nested values: job kind, dialog filters, test requests', () => {
    expect(parseInvokeArgs('job/start', { kind: 'explode', spec: {} }).ok).toBe(false);
    expect(parseInvokeArgs('job/start', { kind: 'export', spec: { out: '/x.csv' } }).ok).toBe(true);
    expect(parseInvokeArgs('file/open-dialog', { filters: [{ name: 'CSV', extensions: ['.csv'] }] }).ok).toBe(
      false,
    );
    expect(parseInvokeArgs('connection/test', { profileId: 'sandbox' }).ok).toBe(true);
    expect(parseInvokeArgs('connection/test', { draft: { name: 'x', kind: 'sandbox', token: 't' } }).ok).toBe(
      false,
    );
    expect(parseInvokeArgs('connection/test', {}).ok).toBe(false);
  });
});
