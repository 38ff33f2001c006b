/**
 * Every job that ran with this data folder — from this window, an earlier run, or the command line —
 * newest first. Picking one shows its figures, its picture and its files.
 */
import { useQuery } from '@tanstack/react-query';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { routeHref } from '../../routing.ts';
import { STATE_LABELS, countParts, formatCount, formatDateTime, kindPrefix } from '../jobs/format.ts';
import { jobsQuery } from '../jobs/queries.ts';
import { JobDetailView } from './JobDetailView.tsx';

/** The History screen, or one job's detail when `jobId` is set. */
export function HistoryScreen({ jobId }: { readonly jobId: string | null }): React.JSX.Element {
  const jobs = useQuery(jobsQuery());
  if (jobId !== null) return <JobDetailView jobId={jobId} />;
  return (
    <div className="screen">
      <header className="screen__header">
        <h1>History</h1>
        <p className="muted">
          Every job run with this data folder, including jobs started from the command line.
        </p>
      </header>
      <ErrorMessage error={jobs.error} title="The history could not be read." />
      {jobs.isPending ? <p className="muted">Loading…</p> : null}
      {jobs.data && jobs.data.length === 0 ? (
        <p className="empty">No jobs yet. Exports you run appear here, with their files.</p>
      ) : null}
      {jobs.data && jobs.data.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">Past jobs</caption>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Job</th>
              <th scope="col">State</th>
              <th scope="col">Outcome</th>
              <th scope="col" className="num">
                Tokens
              </th>
              <th scope="col">Account</th>
            </tr>
          </thead>
          <tbody>
            {jobs.data.map((job) => (
              <tr key={job.id} data-job-id={job.id}>
                <td>{formatDateTime(job.createdAt)}</td>
                <td>
                  <a href={routeHref({ screen: 'history', jobId: job.id })}>
                    {kindPrefix(job) ? <span className="job__kind">{kindPrefix(job)} </span> : null}
                    {job.title}
                  </a>
                </td>
                <td>
                  <span className={`badge badge--${job.state}`}>{STATE_LABELS[job.state]}</span>
                </td>
                <td>
                  {countParts(job)
                    .filter((part) => part.value > 0)
                    .map((part) => `${part.label} ${formatCount(part.value)}`)
                    .join(' · ') || '—'}
                </td>
                <td className="num">{formatCount(job.tokensSpent)}</td>
                <td>{job.connection}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
