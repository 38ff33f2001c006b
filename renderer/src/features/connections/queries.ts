/** Query-option factories for connections and the app's facts (style rule 11). */
import { queryOptions } from '@tanstack/react-query';
import { orgport, unwrap } from '../../api.ts';

/** Query keys of this feature. */
export const connectionKeys = {
  all: ['connections'] as const,
  list: () => ['connections', 'list'] as const,
  active: () => ['connections', 'active'] as const,
  appInfo: () => ['app', 'info'] as const,
};

/** Saved profiles. Invalidated by the mutations that change them. */
export function connectionsQuery() {
  return queryOptions({
    queryKey: connectionKeys.list(),
    queryFn: () => unwrap(orgport().listConnections()),
    staleTime: Infinity,
  });
}

/** The active connection; kept current by the `connection/changed` event (useConnectionEvents). */
export function activeConnectionQuery() {
  return queryOptions({
    queryKey: connectionKeys.active(),
    queryFn: () => unwrap(orgport().activeConnection()),
    staleTime: 30_000,
  });
}

/** Facts about this instance (token storage, where saves go). They do not change while it runs. */
export function appInfoQuery() {
  return queryOptions({
    queryKey: connectionKeys.appInfo(),
    queryFn: () => unwrap(orgport().appInfo()),
    staleTime: Infinity,
  });
}
