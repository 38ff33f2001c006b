/** The delete screen's calls: the preview (reads only) and the start of the delete job. */
import { useMutation } from '@tanstack/react-query';
import type { DeletePreviewResult, DeleteRequestSpec } from '../../../../shared/ipc-delete.ts';
import { orgport, unwrap } from '../../api.ts';
import { useStartJob } from '../jobs/mutations.ts';

/** Looks up exactly the given IDs: what exists, what would be orphaned, what it costs. */
export function usePreviewDelete() {
  return useMutation({
    mutationFn: (args: { readonly ids: ReadonlyArray<number>; readonly skipOpenDeals: boolean }) =>
      unwrap(orgport().previewDelete(args)),
  });
}

/**
 * The job's spec from a preview and the number typed: exactly the previewed IDs, never looked up
 * again. The engine refuses it unless the number equals the count of IDs.
 */
export function deleteSpec(
  preview: DeletePreviewResult,
  confirmedCount: number,
  skipOpenDeals: boolean,
  source: string,
): DeleteRequestSpec {
  return {
    ids: preview.idsToDelete,
    confirmedCount,
    skipOpenDeals,
    excluded: preview.rows.flatMap((row) =>
      row.status === 'will-delete' ? [] : [{ id: row.id, status: row.status, name: row.name }],
    ),
    account: preview.account,
    source,
  };
}

/** Starts the delete job (the shared job panel shows it from then on). */
export function useStartDelete() {
  const start = useStartJob();
  return {
    ...start,
    start: (spec: DeleteRequestSpec, options?: { onSuccess?: () => void }) =>
      start.mutate({ kind: 'delete', spec: { ...spec } }, options),
  };
}
