/**
 * Loading what converting cells needs from the account: the field list (10 tokens) and, only when a
 * user column is mapped, the users (20 tokens).
 */
import type { MappingTarget } from '../../../shared/mapping.ts';
import type { OrgField } from '../../../shared/model.ts';
import { valueType } from '../../../shared/values/index.ts';
import type { PipedriveClient } from '../pipedrive/index.ts';
import type { ImportCatalog } from './types.ts';

/** True when some mapped column holds users (the owner or a custom user field). */
export function needsUsers(
  targets: Iterable<MappingTarget | null>,
  fields: ReadonlyArray<OrgField>,
): boolean {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const target of targets) {
    if (target === null || target.kind === 'id') continue;
    const field = byKey.get(target.key);
    if (field && valueType(field) === 'user') return true;
  }
  return false;
}

/** Options of {@link loadCatalog}. */
export interface LoadCatalogOptions {
  /** Load the users: `true`, `false`, or decide from the mapping once the fields are known. */
  readonly users: boolean | ((fields: ReadonlyArray<OrgField>) => boolean);
  readonly defaultCurrency?: string | null;
  readonly signal?: AbortSignal;
}

/** Loads the fields and (when needed) the users. */
export async function loadCatalog(
  client: PipedriveClient,
  options: LoadCatalogOptions,
): Promise<ImportCatalog> {
  const fields = await client.listOrganizationFields(options.signal);
  const wantUsers = typeof options.users === 'function' ? options.users(fields) : options.users;
  const users = wantUsers ? await client.listUsers(options.signal) : [];
  return { fields, users, defaultCurrency: options.defaultCurrency ?? null };
}
