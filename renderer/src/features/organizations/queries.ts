/**
 * Query-option factories for the Organizations screen. The company's fields, users and saved filters
 * are the Export screen's queries (same keys, one cache); saved selections are local files.
 */
import { queryOptions } from '@tanstack/react-query';
import { orgport, unwrap } from '../../api.ts';

export { fieldsQuery, savedFiltersQuery, usersQuery } from '../export/queries.ts';

/** Query keys of this feature. */
export const organizationKeys = {
  selections: () => ['selections', 'list'] as const,
};

/** The saved selections, newest first. Invalidated by the mutations that change them. */
export function savedSelectionsQuery() {
  return queryOptions({
    queryKey: organizationKeys.selections(),
    queryFn: () => unwrap(orgport().listSelections()),
    staleTime: Infinity,
  });
}
