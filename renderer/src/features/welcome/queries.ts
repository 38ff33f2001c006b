/** Query-option factories for the welcome panel (style rule 11). */
import { queryOptions } from '@tanstack/react-query';
import { orgport, unwrap } from '../../api.ts';

/** Query keys of this feature. */
export const welcomeKeys = {
  state: () => ['welcome', 'state'] as const,
};

/** Whether the panel opens at start, and the bundled sample file. */
export function welcomeStateQuery() {
  return queryOptions({
    queryKey: welcomeKeys.state(),
    queryFn: () => unwrap(orgport().welcomeState()),
    staleTime: Infinity,
  });
}
