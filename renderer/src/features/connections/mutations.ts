/** Mutation hooks for connections: each invalidates what it changes and reports failures. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConnectionDraft, ConnectionTestRequest } from '../../../../shared/ipc.ts';
import { errorMessage, orgport, unwrap } from '../../api.ts';
import { useNotify } from '../../notifications/useNotify.ts';
import { connectionKeys } from './queries.ts';

/** Saves (creates or changes) a profile. Errors are shown by the form, not as a notice. */
export function useSaveConnection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (draft: ConnectionDraft) => unwrap(orgport().saveConnection(draft)),
    onSuccess: () => client.invalidateQueries({ queryKey: connectionKeys.all }),
  });
}

/** Deletes a profile and its token. */
export function useDeleteConnection() {
  const client = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: (profileId: string) => unwrap(orgport().deleteConnection({ profileId })),
    onSuccess: () => client.invalidateQueries({ queryKey: connectionKeys.all }),
    onError: (error) => notify({ tone: 'error', message: errorMessage(error) }),
  });
}

/** Makes a profile the active connection. */
export function useActivateConnection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (profileId: string) => unwrap(orgport().activateConnection({ profileId })),
    onSuccess: (active) => {
      client.setQueryData(connectionKeys.active(), active);
      return client.invalidateQueries({ queryKey: connectionKeys.list() });
    },
  });
}

/** Disconnects. */
export function useDisconnect() {
  const client = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: () => unwrap(orgport().disconnect()),
    onSuccess: () => client.setQueryData(connectionKeys.active(), null),
    onError: (error) => notify({ tone: 'error', message: errorMessage(error) }),
  });
}

/** Tests a profile or a draft; the result (success or failure) is data, shown next to the form. */
export function useTestConnection() {
  return useMutation({
    mutationFn: (request: ConnectionTestRequest) => unwrap(orgport().testConnection(request)),
  });
}
