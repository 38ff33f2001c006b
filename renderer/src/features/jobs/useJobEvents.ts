/** Keeps the job queries current from `job/state` pushes, for the app's lifetime. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { JobSummary } from '../../../../shared/jobs.ts';
import { isFinalState } from '../../../../shared/jobs.ts';
import { orgport } from '../../api.ts';
import { mergeSummary } from './merge-summary.ts';
import { jobKeys } from './queries.ts';

/** Subscribes once; the effect returns the unsubscribe. */
export function useJobEvents(): void {
  const client = useQueryClient();
  useEffect(
    () =>
      orgport().onJobState((summary) => {
        const list = client.getQueryData<ReadonlyArray<JobSummary>>(jobKeys.list());
        if (list) client.setQueryData(jobKeys.list(), mergeSummary(list, summary));
        else void client.invalidateQueries({ queryKey: jobKeys.list() });
        // A job that ended has its samples saved: fetch the detail again for the picture.
        if (isFinalState(summary.state) || summary.state === 'stopped' || summary.state === 'paused') {
          void client.invalidateQueries({ queryKey: jobKeys.detail(summary.id) });
        }
      }),
    [client],
  );
}
