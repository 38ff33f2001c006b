/**
 * A tiny HTTP helper for the sandbox integration tests (plain fetch, so nothing hides what goes over
 * the wire).
 */
import type { RunningSandbox } from '../../../electron/engine/sandbox/index.ts';

/** What a call returned. */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // Test code reads arbitrary JSON shapes; narrowing every access would only add noise.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON body of any shape
  json: any;
}

/** Options of one call. */
export interface CallOptions {
  body?: unknown;
  /** `null` sends no credential; default `x-api-token: test-token`. */
  token?: string | null;
  bearer?: string;
  headers?: Record<string, string>;
}

/** Calls the sandbox and parses a JSON answer when there is one. */
export async function call(
  sb: RunningSandbox,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  else if (options.token !== null) headers['x-api-token'] = options.token ?? 'test-token';
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(`${sb.url}${path}`, {
    method,
    headers,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  });
  const text = await res.text();
  let json: unknown = null;
  if ((res.headers.get('content-type') ?? '').includes('json')) json = JSON.parse(text);
  return { status: res.status, headers: res.headers, text, json };
}

/** Follows next_cursor through every page of a v2 list and returns all rows. */
export async function listAll(sb: RunningSandbox, query: string): Promise<Array<Record<string, unknown>>> {
  const rows: Array<Record<string, unknown>> = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const sep = query ? '&' : '';
    const reply = await call(
      sb,
      'GET',
      `/api/v2/organizations?${query}${cursor ? `${sep}cursor=${cursor}` : ''}`,
    );
    if (reply.status !== 200) throw new Error(`list failed: ${reply.status} ${reply.text}`);
    rows.push(...reply.json.data);
    cursor = reply.json.additional_data.next_cursor;
    if (!cursor) return rows;
  }
  throw new Error('pagination did not end');
}
