/** Query-option factories of the About box (style rule 11). */
import { queryOptions } from '@tanstack/react-query';
import { orgport, unwrap } from '../../api.ts';

/** Query keys of this feature. */
export const aboutKeys = {
  info: () => ['about', 'info'] as const,
};

/** What the About box shows; read again each time it opens (the active connection may have changed). */
export function aboutQuery() {
  return queryOptions({
    queryKey: aboutKeys.info(),
    queryFn: () => unwrap(orgport().aboutInfo()),
    staleTime: 0,
  });
}
