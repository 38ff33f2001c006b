/**
 * Query-option factories for the Export screen: the active company's fields, users and saved
 * filters. Keys carry the connection's profile id, so switching company never shows stale choices.
 */
import { queryOptions } from '@tanstack/react-query';
import { orgport, unwrap } from '../../api.ts';

/** Query keys of this feature. */
export const exportKeys = {
  all: ['export'] as const,
  fields: (profileId: string) => ['export', profileId, 'fields'] as const,
  users: (profileId: string) => ['export', profileId, 'users'] as const,
  filters: (profileId: string) => ['export', profileId, 'filters'] as const,
};

// Fields, users and filters change rarely and every fetch costs API tokens.
const REFERENCE_STALE_MS = 5 * 60_000;

/** The organization fields of the active company (system, custom and counters). */
export function fieldsQuery(profileId: string) {
  return queryOptions({
    queryKey: exportKeys.fields(profileId),
    queryFn: () => unwrap(orgport().listFields()),
    staleTime: REFERENCE_STALE_MS,
  });
}

/** The company's users, deactivated and deleted ones included (they may still own organizations). */
export function usersQuery(profileId: string) {
  return queryOptions({
    queryKey: exportKeys.users(profileId),
    queryFn: () => unwrap(orgport().listUsers()),
    staleTime: REFERENCE_STALE_MS,
  });
}

/** The company's saved organization filters. */
export function savedFiltersQuery(profileId: string) {
  return queryOptions({
    queryKey: exportKeys.filters(profileId),
    queryFn: () => unwrap(orgport().listFilters()),
    staleTime: REFERENCE_STALE_MS,
  });
}
