/**
 * The job panel every screen shows: jobs running or paused now, plus the ones that ended during this
 * visit until they are dismissed (the History screen keeps them all).
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { JobCard } from './JobCard.tsx';
import { isActiveState } from './format.ts';
import { jobsQuery } from './queries.ts';

/** The panel; renders nothing when there is nothing to show. */
export function JobPanel(): React.JSX.Element | null {
  const jobs = useQuery(jobsQuery()).data ?? [];
  const [watched, setWatched] = useState<ReadonlySet<string>>(new Set());
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());

  const activeIds = jobs.filter((job) => isActiveState(job.state)).map((job) => job.id);
  const activeKey = activeIds.join(',');
  useEffect(() => {
    if (activeKey === '') return;
    setWatched((seen) => {
      const ids = activeKey.split(',');
      return ids.every((id) => seen.has(id)) ? seen : new Set([...seen, ...ids]);
    });
  }, [activeKey]);

  const shown = jobs.filter(
    (job) => (isActiveState(job.state) || watched.has(job.id)) && !dismissed.has(job.id),
  );
  if (shown.length === 0) return null;
  return (
    <section className="job-panel" aria-label="Jobs">
      <h2 className="visually-hidden">Jobs</h2>
      {shown.map((job) => (
        <JobCard
          key={job.id}
          summary={job}
          onDismiss={() => setDismissed((all) => new Set([...all, job.id]))}
        />
      ))}
    </section>
  );
}
