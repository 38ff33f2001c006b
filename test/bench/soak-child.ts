// The measured process of the soak: writes the CSV, runs Orgport's import job in-process against the
// sandbox at argv[2] (argv[3] rows, argv[4] create|upsert, argv[5] employee-count offset), and samples
// RSS and heap every second for the whole run, warm-up included. Prints one JSON line at the end.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildImportSpec, closeImport, openImport } from '../../electron/engine/import/index.ts';
import { JobManager } from '../../electron/engine/jobs/core/job-manager.ts';
import { JobStore } from '../../electron/engine/jobs/core/job-store.ts';
import { importJobDefinition, type ImportJobEnv } from '../../electron/engine/jobs/import/import-job.ts';
import { PipedriveClient } from '../../electron/engine/pipedrive/index.ts';
import { soakName } from './soak-rows.ts';

/** One memory sample: seconds since the job started, RSS and heap used in MB. */
export interface SoakSample {
  t: number;
  rss: number;
  heap: number;
}

const [url = '', rowsText = '50000', mode = 'create', offsetText = '1000'] = process.argv.slice(2);
const rows = Number(rowsText);
const offset = Number(offsetText);
const dir = await mkdtemp(path.join(tmpdir(), 'orgport-soak-'));
const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
try {
  const file = path.join(dir, 'soak.csv');
  const lines = ['Name,Number of employees'];
  for (let i = 0; i < rows; i++) lines.push(`${soakName(i)},${offset + i}`);
  await writeFile(file, lines.join('\r\n') + '\r\n', 'utf8');
  const reader = new PipedriveClient({ baseUrl: url, auth: { kind: 'token', token: 'soak-reader' } });
  const session = await openImport(file, {
    catalog: { fields: await reader.listOrganizationFields(), users: [] },
  });
  const spec = await buildImportSpec(session, {
    mapping: session.proposedMapping,
    mode: mode === 'upsert' ? 'upsert' : 'create',
    ...(mode === 'upsert' ? { match: { kind: 'field' as const, key: 'name' } } : {}),
  });
  await closeImport(session);
  const manager = new JobManager<ImportJobEnv>(new JobStore(path.join(dir, 'jobs')));
  manager.register(importJobDefinition<ImportJobEnv>());

  const samples: SoakSample[] = [];
  const started = performance.now();
  const sample = (): void => {
    const m = process.memoryUsage();
    samples.push({
      t: Math.round((performance.now() - started) / 100) / 10,
      rss: mb(m.rss),
      heap: mb(m.heapUsed),
    });
  };
  sample();
  const timer = setInterval(sample, 1000);
  const job = await manager.start({
    kind: 'import',
    spec,
    title: 'soak',
    connection: 'soak',
    env: { connection: { baseUrl: url, auth: { kind: 'token', token: 'soak-job' } }, label: 'soak' },
  });
  const summary = await job.done;
  clearInterval(timer);
  sample();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      state: summary.state,
      counts: summary.counts,
      tokensSpent: summary.tokensSpent,
      seconds,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      samples,
    }),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
