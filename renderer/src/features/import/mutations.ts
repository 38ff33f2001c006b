/** Mutation hooks of the import screens: fix a cell, start the import, and manage mapping profiles. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ImportChoicesView, ImportEditRequest } from '../../../../shared/ipc-import.ts';
import type { JobSummary } from '../../../../shared/jobs.ts';
import { errorMessage, orgport, unwrap } from '../../api.ts';
import { useNotify } from '../../notifications/useNotify.ts';
import { mergeSummary } from '../jobs/merge-summary.ts';
import { jobKeys } from '../jobs/queries.ts';
import { importKeys } from './queries.ts';

/** Fixes one cell; the engine checks it again and answers the row and the new figures. */
export function useEditCell() {
  return useMutation({
    mutationFn: (request: ImportEditRequest) => unwrap(orgport().editImportCell(request)),
  });
}

/**
 * Starts the import: the engine turns the preview (choices and fixed cells) into the job's spec, and
 * `job/start` runs it. The caller shows a failure next to the button.
 */
export function useStartImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (request: { readonly sessionId: string; readonly choices: ImportChoicesView }) => {
      const { spec } = await unwrap(orgport().buildImportSpec(request));
      return unwrap(orgport().startJob({ kind: 'import', spec }));
    },
    onSuccess: (summary) => {
      client.setQueryData(jobKeys.list(), (list: ReadonlyArray<JobSummary> | undefined) =>
        mergeSummary(list, summary),
      );
    },
  });
}

function useProfileChange<A, R>(action: (args: A) => Promise<R>, success?: (result: R) => string) {
  const client = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: action,
    onSuccess: (result) => {
      void client.invalidateQueries({ queryKey: importKeys.profiles() });
      if (success) notify({ tone: 'success', message: success(result) });
    },
    onError: (error) => notify({ tone: 'error', message: errorMessage(error) }),
  });
}

/** Saves the current mapping as a named profile. */
export function useSaveProfile() {
  return useProfileChange(
    (args: {
      readonly name: string;
      readonly replace: boolean;
      readonly sessionId: string;
      readonly choices: ImportChoicesView;
    }) => unwrap(orgport().saveMappingProfile(args)),
    (saved) => `Mapping saved as "${saved.name}".`,
  );
}

/** Renames a profile. */
export function useRenameProfile() {
  return useProfileChange((args: { readonly id: string; readonly name: string }) =>
    unwrap(orgport().renameMappingProfile(args)),
  );
}

/** Deletes a profile. */
export function useDeleteProfile() {
  return useProfileChange((args: { readonly id: string }) => unwrap(orgport().deleteMappingProfile(args)));
}

/** Resolves a profile against the open file (the caller applies the answer). */
export function useApplyProfile() {
  const notify = useNotify();
  return useMutation({
    mutationFn: (args: {
      readonly sessionId: string;
      readonly id: string;
      readonly current: ImportChoicesView;
    }) => unwrap(orgport().applyMappingProfile(args)),
    onError: (error) => notify({ tone: 'error', message: errorMessage(error) }),
  });
}
