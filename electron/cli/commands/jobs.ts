import type { JobSummary } from '../../../shared/jobs.ts';
import { parseFlags } from '../args.ts';
import { EXIT } from '../exit-codes.ts';
import { cliJobStore, jsonSummary } from '../job-runtime.ts';
import type { Command } from './types.ts';

/** `orgport jobs`: every job in the data folder, newest first, with its state and reports. */
export const jobsCommand: Command = {
  name: 'jobs',
  summary: 'list jobs with their state (running, stopped, done) and reports',
  usage: `Usage: orgport jobs [--json]

Lists the jobs in the data folder (shared with the app), newest first: their state, counts, API
tokens spent and report files. A stopped job can be continued with "orgport resume ID".

  --json     print the jobs as JSON on stdout`,
  async run(argv, io) {
    const { flags } = parseFlags(argv, { json: { type: 'boolean' } });
    const jobs = (await cliJobStore(io.env).list()).map((job) => job.summary);
    if (flags.json === true) {
      io.out(
        JSON.stringify(
          jobs.map((s) => ({
            ...jsonSummary(s),
            title: s.title,
            connection: s.connection,
            createdAt: s.createdAt,
            updatedAt: s.updatedAt,
          })),
          null,
          2,
        ) + '\n',
      );
    } else {
      io.out(jobs.length === 0 ? 'No jobs yet.\n' : jobs.map(formatJob).join('\n') + '\n');
    }
    return EXIT.ok;
  },
};

/** A job as a few human lines. */
export function formatJob(summary: JobSummary): string {
  const counts = Object.entries(summary.counts)
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${n} ${name}`)
    .join(', ');
  const state =
    summary.state === 'stopped' && summary.stopReason ? `stopped (${summary.stopReason})` : summary.state;
  const lines = [
    `${summary.id}  ${summary.kind.padEnd(6)}  ${state.padEnd(20)}  ${summary.title}`,
    `    ${counts || 'nothing done yet'} · ${summary.tokensSpent} tokens · ${summary.connection} · ${summary.updatedAt}`,
  ];
  if (summary.error) lines.push(`    ${summary.error.message}`);
  for (const report of summary.reports) lines.push(`    ${report.label}: ${report.path}`);
  if (summary.state === 'stopped') lines.push(`    resume with: orgport resume ${summary.id}`);
  return lines.join('\n');
}
