/**
 * The job kinds this build can run, registered on the app's JobManager, and the run-time environment
 * they receive. A kind that is not registered here is answered "not available in this version" by
 * `job/start`.
 */
import type { JobKind } from '../../../shared/jobs.ts';
import { deleteJobDefinition } from '../jobs/delete/delete-job.ts';
import { exportJobDefinition } from '../jobs/export/export-job.ts';
import { importJobDefinition } from '../jobs/import/import-job.ts';
import type { JobManager } from '../jobs/core/job-manager.ts';
import type { PipedriveClient, PipedriveConnection } from '../pipedrive/index.ts';

/** What every job gets at run time: the live connection, never stored on disk. */
export interface AppJobEnv {
  readonly client: PipedriveClient;
  readonly connection: PipedriveConnection;
  /** "Acme Ltd — jane@acme.com" or "Sandbox — …": for reports, never the token. */
  readonly label: string;
}

/**
 * Registers every job kind of this build and returns their kinds. All three are registered even where
 * the app has no screen to start one yet, so a job started (and stopped) from the CLI can be resumed
 * or cancelled from the History screen.
 */
export function registerJobKinds(manager: JobManager<AppJobEnv>): ReadonlySet<JobKind> {
  manager.register(exportJobDefinition<AppJobEnv>());
  manager.register(importJobDefinition<AppJobEnv>());
  manager.register(deleteJobDefinition<AppJobEnv>());
  return new Set<JobKind>(['export', 'import', 'delete']);
}
