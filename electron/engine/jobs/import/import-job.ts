/**
 * The import job (issue 6): create, update or upsert the rows of a spreadsheet, throttled by the rate
 * governor, journaled row by row so it resumes exactly where it stopped, never sending a create twice,
 * and ending with failed- and succeeded-rows reports. Registered with the JobManager by the CLI and the
 * app: `manager.register(importJobDefinition<Env>())`.
 */
import type { JobDefinition } from '../core/job-manager.ts';
import { parseImportSpec, type ImportSpec } from '../../import/import-spec.ts';
import type { ImportOutcome } from './import-outcome.ts';
import { runImport, type ImportJobEnv } from './import-run.ts';

export type { ImportJobEnv } from './import-run.ts';
export type { ImportOutcome } from './import-outcome.ts';

/** The definition of the import job kind. */
export function importJobDefinition<E extends ImportJobEnv>(): JobDefinition<
  'import',
  ImportSpec,
  ImportOutcome,
  E
> {
  return {
    kind: 'import',
    parseSpec: parseImportSpec,
    createWorker: (spec, env) => ({ run: (context) => runImport(context, spec, env) }),
  };
}
