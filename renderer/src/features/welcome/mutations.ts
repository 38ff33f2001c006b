/** Mutation hooks of the welcome panel: each updates what it changes and reports failures. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, orgport, unwrap } from '../../api.ts';
import { useNotify } from '../../notifications/useNotify.ts';
import { welcomeKeys } from './queries.ts';

/** Sets whether the welcome panel opens when Orgport starts. */
export function useSetShowOnStart() {
  const client = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: (show: boolean) => unwrap(orgport().setWelcomeOnStart({ show })),
    onSuccess: (state) => client.setQueryData(welcomeKeys.state(), state),
    onError: (error) => notify({ tone: 'error', message: errorMessage(error) }),
  });
}
