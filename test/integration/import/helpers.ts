/**
 * Helpers for the import tests: a sandbox without pacing (unless asked), a data folder per test, CSV
 * files, CLI runs with captured output, and import jobs run in-process.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import type { JobSummary } from '../../../shared/jobs.ts';
import { main, type CliIo } from '../../../electron/cli/main.ts';
import {
  buildImportSpec,
  closeImport,
  openImport,
  type ImportChoices,
  type ImportSpec,
} from '../../../electron/engine/import/index.ts';
import { JobManager } from '../../../electron/engine/jobs/core/job-manager.ts';
import { JobStore } from '../../../electron/engine/jobs/core/job-store.ts';
import { importJobDefinition, type ImportJobEnv } from '../../../electron/engine/jobs/import/import-job.ts';
import { PipedriveClient, type PipedriveConnection } from '../../../electron/engine/pipedrive/index.ts';
import {
  startSandbox,
  type RunningSandbox,
  type SandboxOptions,
} from '../../../electron/engine/sandbox/index.ts';

/** A sandbox whose burst limit never gets in the way (the governor is tested elsewhere). */
export function fastSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ organizations: 0, burst: 100_000, ...options });
}

/** A temporary folder; `cleanup` removes every folder made. */
export const temp = {
  made: [] as string[],
  async dir(prefix = 'orgport-import-'): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
    this.made.push(dir);
    return dir;
  },
  async cleanup(): Promise<void> {
    for (const dir of this.made.splice(0)) await rm(dir, { recursive: true, force: true });
  },
};

/** Writes rows as a CSV file (header first). */
export async function writeCsv(
  dir: string,
  name: string,
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(
    file,
    Papa.unparse(
      rows.map((r) => r.map(String)),
      { newline: '\r\n' },
    ) + '\r\n',
    'utf8',
  );
  return file;
}

/** Reads a CSV file (e.g. a report) as rows of text, BOM removed. */
export async function readCsv(file: string): Promise<string[][]> {
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  return Papa.parse<string[]>(text.trim(), { delimiter: ',' }).data;
}

/** The connection to a sandbox (any token is accepted). */
export function connectionTo(sandbox: RunningSandbox, token = 'import-test-token'): PipedriveConnection {
  return { baseUrl: sandbox.url, auth: { kind: 'token', token } };
}

/** Runs the CLI in-process against `sandbox`, with `home` as the data folder; returns code and output. */
export async function cli(
  args: ReadonlyArray<string>,
  sandbox: RunningSandbox,
  home: string,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    stderrIsTty: false,
    env: {
      ...process.env,
      ORGPORT_HOME: home,
      PIPEDRIVE_BASE_URL: sandbox.url,
      PIPEDRIVE_API_TOKEN: 'import-test-token',
    },
    interrupted: new Promise<void>(() => undefined),
  };
  const code = await main(args, io);
  return { code, out, err };
}

/** A job manager on `home`'s job store with the import job registered. */
export function importManager(home: string): JobManager<ImportJobEnv> {
  const manager = new JobManager<ImportJobEnv>(new JobStore(path.join(home, 'jobs')));
  manager.register(importJobDefinition<ImportJobEnv>());
  return manager;
}

/** The spec for importing `file` with `choices` (the mapping proposed when none is given). */
export async function specFor(
  sandbox: RunningSandbox,
  file: string,
  choices: Omit<ImportChoices, 'mapping'> & Partial<Pick<ImportChoices, 'mapping'>>,
): Promise<ImportSpec> {
  const client = new PipedriveClient(connectionTo(sandbox, 'spec-reader'));
  const session = await openImport(file, {
    catalog: { fields: await client.listOrganizationFields(), users: await client.listUsers() },
  });
  try {
    return await buildImportSpec(session, {
      ...choices,
      mapping: choices.mapping ?? session.proposedMapping,
    });
  } finally {
    await closeImport(session);
  }
}

/** Runs an import job to its end in this process. */
export async function runImportJob(
  home: string,
  sandbox: RunningSandbox,
  spec: ImportSpec,
): Promise<JobSummary> {
  const manager = importManager(home);
  const run = await manager.start({
    kind: 'import',
    spec,
    title: 'test import',
    connection: 'Sandbox',
    env: { connection: connectionTo(sandbox), label: 'Sandbox' },
  });
  return run.done;
}

/** The live organizations' names, with how often each occurs. */
export function nameCounts(sandbox: RunningSandbox): Map<string, number> {
  const counts = new Map<string, number>();
  for (const org of sandbox.control.organizations()) counts.set(org.name, (counts.get(org.name) ?? 0) + 1);
  return counts;
}

/** The path of one report of a job summary. */
export function reportPath(summary: JobSummary, label: 'Failed rows' | 'Succeeded rows'): string | undefined {
  return summary.reports.find((r) => r.label === label)?.path;
}
