/**
 * `filters/list`: the saved organization filters the Export screen offers. The Pipedrive client has
 * no endpoint function for `/v1/filters`, so this makes the raw (paced, retried, accounted) call and
 * keeps only what the screen needs.
 */
import type { ExportChannels, ExportRequestSpec, SavedFilter } from '../../../shared/ipc-export.ts';
import type { HttpRequest, HttpResult } from '../pipedrive/index.ts';
import type { ExportSpec } from '../jobs/export/export-spec.ts';
import type { AccountClient } from './account.ts';
import type { ConnectionService } from './connections.ts';
import type { HandlersOf } from './handlers.ts';

/** The one client call `filters/list` needs (the engine's `PipedriveClient` has it). */
export interface RawRequestClient {
  request(req: HttpRequest): Promise<HttpResult>;
}

/**
 * Compiles only while every spec the renderer can build is one the export job accepts, so the two
 * cannot drift apart unnoticed.
 */
export const EXPORT_REQUEST_FITS_JOB_SPEC: ExportRequestSpec extends Comparable<ExportSpec>
  ? keyof ExportRequestSpec extends keyof ExportSpec
    ? true
    : false
  : false = true;

/** The job's spec with its arrays read-only, as the renderer's contract declares them. */
type Comparable<T> = { readonly [K in keyof T]: ReadOnlyArrays<T[K]> };
type ReadOnlyArrays<V> = V extends ReadonlyArray<infer U> ? ReadonlyArray<U> : V;

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/**
 * The saved filters in a `GET /v1/filters` answer: organization filters that are active and not
 * temporary, sorted by name. `data` is null when a company has none.
 */
export function savedFiltersFrom(json: unknown): SavedFilter[] {
  const data = record(json).data;
  if (!Array.isArray(data)) return [];
  const filters: SavedFilter[] = [];
  for (const item of data) {
    const { id, name, type, active_flag: active, temporary_flag: temporary } = record(item);
    if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0) continue;
    if (typeof name !== 'string' || name.trim() === '') continue;
    // Pipedrive sends only `type=org` filters when asked; a stray one of another type is no use here.
    if (type !== undefined && type !== 'org') continue;
    if (active === false || temporary === true) continue;
    filters.push({ id, name: name.trim() });
  }
  return filters.sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
}

/** Fetches the saved organization filters of the company behind `client`. */
export async function listSavedFilters(client: RawRequestClient): Promise<SavedFilter[]> {
  const result = await client.request({ method: 'GET', path: '/v1/filters', query: { type: 'org' } });
  return savedFiltersFrom(result.json);
}

/** `filters/list`. */
export function exportHandlers<C extends AccountClient & RawRequestClient>(
  connections: ConnectionService<C>,
): HandlersOf<ExportChannels> {
  return {
    'filters/list': () => listSavedFilters(connections.requireLive().client),
  };
}
