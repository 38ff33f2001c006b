/** Query-option factories of the import screens: saved mapping profiles and pages of preview rows. */
import { queryOptions } from '@tanstack/react-query';
import { orgport, unwrap } from '../../api.ts';

/** Rows fetched per call for the preview grid. */
export const PAGE_SIZE = 200;

/** Query keys of this feature. */
export const importKeys = {
  all: ['import'] as const,
  profiles: () => ['import', 'profiles'] as const,
  sessionRows: (sessionId: string) => ['import', 'rows', sessionId] as const,
  rows: (sessionId: string, stamp: number, problemsOnly: boolean, page: number) =>
    ['import', 'rows', sessionId, stamp, problemsOnly, page] as const,
};

/** The saved mapping profiles; invalidated by the profile mutations. */
export function profilesQuery() {
  return queryOptions({
    queryKey: importKeys.profiles(),
    queryFn: () => unwrap(orgport().listMappingProfiles()),
    staleTime: 60_000,
  });
}

/**
 * One page of the grid. A page belongs to one preview (`stamp`): a new preview makes new keys. After a
 * cell edit the session's pages are invalidated, so they are fetched again while still shown.
 */
export function rowsPageQuery(sessionId: string, stamp: number, problemsOnly: boolean, page: number) {
  return queryOptions({
    queryKey: importKeys.rows(sessionId, stamp, problemsOnly, page),
    queryFn: () =>
      unwrap(orgport().importRows({ sessionId, offset: page * PAGE_SIZE, limit: PAGE_SIZE, problemsOnly })),
    staleTime: Infinity,
    gcTime: 30_000,
  });
}
