/** One past (or running) job in full: the job card with its controls, its picture and its files. */
import { useQuery } from '@tanstack/react-query';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { routeHref } from '../../routing.ts';
import { JobCard } from '../jobs/JobCard.tsx';
import { formatDateTime } from '../jobs/format.ts';
import { jobsQuery } from '../jobs/queries.ts';

/** The detail of `jobId`, taken from the history list (kept current by events). */
export function JobDetailView({ jobId }: { readonly jobId: string }): React.JSX.Element {
  const jobs = useQuery(jobsQuery());
  const job = jobs.data?.find((candidate) => candidate.id === jobId);
  return (
    <div className="screen">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <a href={routeHref({ screen: 'history', jobId: null })}>History</a> <span aria-hidden="true">›</span>{' '}
        <span aria-current="page">{job?.title ?? jobId}</span>
      </nav>
      <ErrorMessage error={jobs.error} />
      {jobs.data && !job ? <p className="empty">There is no job {jobId} in this data folder.</p> : null}
      {job ? (
        <>
          <p className="muted">
            Started {formatDateTime(job.createdAt)} · last change {formatDateTime(job.updatedAt)} ·{' '}
            {job.connection} · job id <code>{job.id}</code>
          </p>
          <JobCard summary={job} headingLevel={2} />
        </>
      ) : null}
    </div>
  );
}
