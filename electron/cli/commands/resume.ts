import { parseFlags } from '../args.ts';
import { CONNECTION_HELP, CONNECTION_OPTIONS, openConnection } from '../connection.ts';
import { UsageError } from '../exit-codes.ts';
import { cliJobManager, followJob } from '../job-runtime.ts';
import type { Command } from './types.ts';

/** `orgport resume`: continues a stopped job exactly where it stopped. */
export const resumeCommand: Command = {
  name: 'resume',
  summary: 'continue a stopped job (default: the latest one)',
  usage: `Usage: orgport resume [JOB_ID] [--json] [connection]

Continues a job that stopped (budget used up, network down, interrupted, token refused) exactly
where it stopped: nothing done is done again, nothing is skipped. Without JOB_ID, the newest
stopped job. The connection must be the one the job was started with.

  --force    resume even though the connection differs from the job's
  --json     print a machine-readable summary on stdout

${CONNECTION_HELP}`,
  async run(argv, io) {
    const { flags, positionals } = parseFlags(
      argv,
      { ...CONNECTION_OPTIONS, json: { type: 'boolean' }, force: { type: 'boolean' } },
      true,
    );
    if (positionals.length > 1) throw new UsageError('give at most one job ID');
    const manager = cliJobManager(io.env);
    const job = positionals[0]
      ? await manager.store.load(positionals[0])
      : await manager.store.latestResumable();
    if (!job) throw new UsageError('there is no stopped job to resume (see: orgport jobs)');
    const connection = await openConnection(flags, io.env);
    try {
      if (job.summary.connection !== connection.label && flags.force !== true) {
        throw new UsageError(
          `job ${job.job.id} was started against "${job.summary.connection}", but this connection is "${connection.label}"; ` +
            'connect to the same account, or add --force if it is the same account under another address',
        );
      }
      io.err(`Resuming ${job.job.id}: ${job.summary.title}\n`);
      return await followJob(
        manager,
        () => manager.resumeStopped(job.job.id, { connection: connection.config, label: connection.label }),
        io,
        { json: flags.json === true },
      );
    } finally {
      await connection.close();
    }
  },
};
