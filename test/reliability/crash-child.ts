/**
 * The process the crash tests kill: runs one job of a data folder to its end — starting it from a
 * spec, or resuming the stopped one — exactly as the CLI would, and prints one JSON line when the job
 * has begun and one with its final summary. The test bundles this file once (crash-bundle.ts), since
 * starting it through tsx costs seconds per kill.
 *
 * Usage: node crash-child.mjs CONFIG.json, where the config is a {@link CrashChildConfig}.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { JobManager } from '../../electron/engine/jobs/core/job-manager.ts';
import { JobStore } from '../../electron/engine/jobs/core/job-store.ts';
import { deleteJobDefinition } from '../../electron/engine/jobs/delete/delete-job.ts';
import { exportJobDefinition } from '../../electron/engine/jobs/export/export-job.ts';
import { importJobDefinition } from '../../electron/engine/jobs/import/import-job.ts';
import type { JobKind } from '../../shared/jobs.ts';

/** What one child run is told. */
export interface CrashChildConfig {
  /** The data folder; its `jobs/` holds the job. */
  readonly home: string;
  readonly baseUrl: string;
  readonly token: string;
  /** Start this job; without it, resume the job `resumeId`. */
  readonly start?: { readonly kind: JobKind; readonly spec: unknown; readonly title: string };
  readonly resumeId?: string;
}

/** What a finished child prints last. */
export interface CrashChildResult {
  readonly jobId: string;
  readonly state: string;
}

interface Env {
  readonly connection: { readonly baseUrl: string; readonly auth: { kind: 'token'; token: string } };
  readonly label: string;
}

async function runChild(configFile: string): Promise<void> {
  const config = JSON.parse(await readFile(configFile, 'utf8')) as CrashChildConfig;
  const manager = new JobManager<Env>(new JobStore(path.join(config.home, 'jobs')));
  manager.register(exportJobDefinition<Env>());
  manager.register(importJobDefinition<Env>());
  manager.register(deleteJobDefinition<Env>());
  const env: Env = {
    connection: { baseUrl: config.baseUrl, auth: { kind: 'token', token: config.token } },
    label: 'Sandbox (crash test)',
  };
  const run = config.start
    ? await manager.start({ ...config.start, connection: env.label, env })
    : await manager.resumeStopped(config.resumeId, env);
  process.stdout.write(JSON.stringify({ started: run.id }) + '\n');
  const summary = await run.done;
  const result: CrashChildResult = { jobId: summary.id, state: summary.state };
  process.stdout.write(JSON.stringify(result) + '\n');
}

const [configFile] = process.argv.slice(2);
if (configFile === undefined) throw new Error('usage: crash-child CONFIG.json');
await runChild(configFile);
