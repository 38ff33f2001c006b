import path from 'node:path';
import type { ProgressUpdate } from '../core/progress-throttle.ts';
import type { JobDefinition } from '../core/job-manager.ts';
import type { JobWorker } from '../core/job-runner.ts';
import type { OutcomeLine } from '../core/journal.ts';
import { discardLeftoverTemps } from '../../files/write/temp-file.ts';
import { PipedriveClient, type PipedriveConnection } from '../../pipedrive/index.ts';
import { parseExportSpec, type ExportSpec } from './export-spec.ts';
import { writeOrganizationsFile } from './write-organizations.ts';

/** What an export needs at run time: the live connection (never stored) and its label. */
export interface ExportJobEnv {
  readonly connection: PipedriveConnection;
  readonly label: string;
}

/**
 * The export job. It keeps no journal: an interrupted export starts again from the first page on
 * resume (its partial file was removed), which costs at most the pages already read again — 10 tokens
 * each — and can never leave a wrong file behind.
 */
export function exportJobDefinition<E extends ExportJobEnv>(): JobDefinition<
  'export',
  ExportSpec,
  OutcomeLine,
  E
> {
  return {
    kind: 'export',
    parseSpec: parseExportSpec,
    createWorker: (spec, env) => exportWorker(spec, env),
  };
}

function exportWorker(spec: ExportSpec, env: ExportJobEnv): JobWorker<'export', ExportSpec, OutcomeLine> {
  return {
    async run(context) {
      // One client per job: it shares the connection's rate governor, but counts its own tokens.
      const client = new PipedriveClient(env.connection);
      // Resuming is the user saying "try again": a budget stop remembered by this process must not block it.
      client.clearBudgetStop();
      const tokensBefore = context.previous.tokensSpent;
      const title = `Exporting organizations to ${path.basename(spec.out)}`;
      const total = spec.ids ? spec.ids.length : null;
      const snapshot = (
        phase: ProgressUpdate<'export'>['phase'],
        pages: number,
        rows: number,
      ): ProgressUpdate<'export'> => ({
        kind: 'export',
        phase,
        current: rows,
        total,
        tokensSpent: tokensBefore + client.usage().tokensSpent,
        title,
        counts: { pages, rows },
      });
      // A run that was killed left its partial file beside the target; this run writes a new one.
      if (context.previous.state === 'stopped') await discardLeftoverTemps(spec.out);
      let last: Parameters<typeof snapshot> = ['fields', 0, 0];
      let result: Awaited<ReturnType<typeof writeOrganizationsFile>>;
      try {
        result = await writeOrganizationsFile({
          client,
          spec,
          account: env.label,
          signal: context.signal,
          checkpoint: () => context.control.checkpoint(),
          onProgress: ({ phase, pages, rows }) => {
            last = [phase, pages, rows];
            context.progress.update(snapshot(phase, pages, rows));
          },
        });
      } catch (error) {
        // A stopped run's cost includes what it spent since the last page (fields, users, retries):
        // the job's token total carries on from the last progress, so say it before ending.
        context.progress.update(snapshot(...last));
        throw error;
      }
      await context.addReport({ label: 'Exported file', path: result.path });
      return { ...snapshot('finishing', result.pages, result.rows), total: result.rows };
    },
  };
}
