/** Mutation hooks for saved selections: save, load, delete. Failures show next to the form or as notices. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, orgport, unwrap } from '../../api.ts';
import { useNotify } from '../../notifications/useNotify.ts';
import { organizationKeys } from './queries.ts';

/** Saves (or replaces) a named selection. */
export function useSaveSelection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: {
      readonly name: string;
      readonly ids: ReadonlyArray<number>;
      readonly source?: string;
    }) => unwrap(orgport().saveSelection(args)),
    onSuccess: () => client.invalidateQueries({ queryKey: organizationKeys.selections() }),
  });
}

/** Reads a saved selection's IDs. */
export function useLoadSelection() {
  return useMutation({
    mutationFn: (name: string) => unwrap(orgport().loadSelection({ name })),
  });
}

/** Deletes a saved selection (the list only; no organization is touched). */
export function useDeleteSelection() {
  const client = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: (name: string) => unwrap(orgport().deleteSelection({ name })),
    onSuccess: () => client.invalidateQueries({ queryKey: organizationKeys.selections() }),
    onError: (error) => notify({ tone: 'error', message: errorMessage(error) }),
  });
}
