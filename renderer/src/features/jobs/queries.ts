/** Query-option factories for jobs: the history list and one job's detail. */
import { queryOptions } from '@tanstack/react-query';
import { orgport, unwrap } from '../../api.ts';

/** Query keys of this feature. */
export const jobKeys = {
  all: ['jobs'] as const,
  list: () => ['jobs', 'list'] as const,
  detail: (jobId: string) => ['jobs', 'detail', jobId] as const,
};

/** Every job on disk, newest first (CLI jobs included). Kept current by `job/state` events. */
export function jobsQuery() {
  return queryOptions({
    queryKey: jobKeys.list(),
    queryFn: () => unwrap(orgport().listJobs()),
    // Jobs started from the CLI do not push events here; a periodic look finds them.
    refetchInterval: 15_000,
  });
}

/** One job with its throughput samples. */
export function jobQuery(jobId: string) {
  return queryOptions({
    queryKey: jobKeys.detail(jobId),
    queryFn: () => unwrap(orgport().getJob({ jobId })),
  });
}
