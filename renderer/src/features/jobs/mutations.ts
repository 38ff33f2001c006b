/** Mutation hooks for jobs: start, pause, resume, cancel. Failures become notices. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { JobStartRequest } from '../../../../shared/ipc.ts';
import type { JobSummary } from '../../../../shared/jobs.ts';
import { errorMessage, orgport, unwrap } from '../../api.ts';
import { useNotify } from '../../notifications/useNotify.ts';
import { jobKeys } from './queries.ts';
import { mergeSummary } from './merge-summary.ts';

function useJobControl(action: (jobId: string) => Promise<JobSummary>) {
  const client = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: action,
    onSuccess: (summary) => {
      client.setQueryData(jobKeys.list(), (list: ReadonlyArray<JobSummary> | undefined) =>
        mergeSummary(list, summary),
      );
    },
    onError: (error) => notify({ tone: 'error', message: errorMessage(error) }),
  });
}

/** Starts a job; the caller shows errors next to its form. */
export function useStartJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: JobStartRequest) => unwrap(orgport().startJob(request)),
    onSuccess: (summary) => {
      client.setQueryData(jobKeys.list(), (list: ReadonlyArray<JobSummary> | undefined) =>
        mergeSummary(list, summary),
      );
    },
  });
}

/** Pauses a running job. */
export function usePauseJob() {
  return useJobControl((jobId) => unwrap(orgport().pauseJob({ jobId })));
}

/** Resumes a paused or stopped job. */
export function useResumeJob() {
  return useJobControl((jobId) => unwrap(orgport().resumeJob({ jobId })));
}

/** Cancels a job (after the user confirmed). */
export function useCancelJob() {
  return useJobControl((jobId) => unwrap(orgport().cancelJob({ jobId })));
}
