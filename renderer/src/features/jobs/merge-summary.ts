/** Puts a fresh job summary into the cached history list (replacing its older self). */
import type { JobSummary } from '../../../../shared/jobs.ts';

/** The list with `summary` in place of the job's old entry, or added at the top (newest first). */
export function mergeSummary(
  list: ReadonlyArray<JobSummary> | undefined,
  summary: JobSummary,
): ReadonlyArray<JobSummary> | undefined {
  if (!list) return list;
  const index = list.findIndex((job) => job.id === summary.id);
  if (index < 0) return [summary, ...list];
  const old = list[index];
  // Events can arrive out of order with a call's answer; the newer update wins.
  if (old && old.updatedAt > summary.updatedAt) return list;
  return list.map((job, i) => (i === index ? summary : job));
}
