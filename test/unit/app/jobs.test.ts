import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JobProgressEvent } from '../../../shared/ipc.ts';
import type { JobSummary } from '../../../shared/jobs.ts';
import { ProfileStore } from '../../../electron/engine/app/connection-profiles.ts';
import { ConnectionService } from '../../../electron/engine/app/connections.ts';
import { EventHub } from '../../../electron/engine/app/event-hub.ts';
import { JobTraces } from '../../../electron/engine/app/job-samples.ts';
import { JobService, jobTitle } from '../../../electron/engine/app/jobs.ts';
import { MemorySecretStore } from '../../../electron/engine/app/secret-store.ts';
import { SettingsFile } from '../../../electron/engine/app/settings-file.ts';
import { JobManager } from '../../../electron/engine/jobs/core/job-manager.ts';
import { JobStore } from '../../../electron/engine/jobs/core/job-store.ts';
import { PipedriveClient } from '../../../electron/engine/pipedrive/index.ts';
import { startSandbox, type RunningSandbox } from '../../../electron/engine/sandbox/index.ts';

let sandbox: RunningSandbox;
let dir: string;
beforeAll(async () => {
  sandbox = await startSandbox({ organizations: 3 });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orgport-jobs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Env = { client: PipedriveClient };

/** A JobService whose only kind is a tiny "export" that calls the API `steps` times. */
function setup(steps = 3) {
  const events = new EventHub();
  const connections = new ConnectionService({
    profiles: new ProfileStore(new SettingsFile(path.join(dir, 'settings.json'))),
    secrets: new MemorySecretStore(),
    events,
    startSandbox: async () => ({ url: sandbox.url, dailyBudget: null, close: async () => {} }),
    createClient: (connection) => new PipedriveClient(connection),
  });
  const manager = new JobManager<Env>(new JobStore(path.join(dir, 'jobs')));
  manager.register({
    kind: 'export',
    parseSpec: (raw) => raw as { out: string },
    createWorker: (_spec, env) => ({
      run: async (ctx) => {
        for (let i = 1; i <= steps; i++) {
          await ctx.control.checkpoint();
          await env.client.getCurrentUser();
          ctx.progress.update({
            kind: 'export',
            phase: 'fetching',
            current: i,
            total: steps,
            tokensSpent: i,
            title: 't',
            counts: { pages: i, rows: i },
          });
        }
        return {
          kind: 'export',
          phase: 'finishing',
          current: steps,
          total: steps,
          tokensSpent: steps,
          title: 't',
          counts: { pages: steps, rows: steps },
        };
      },
    }),
  });
  const jobs = new JobService<Env, PipedriveClient>({
    manager,
    kinds: new Set(['export']),
    connections,
    events,
    traces: new JobTraces(path.join(dir, 'traces')),
    envFor: (live) => ({ client: live.client }),
  });
  const states: JobSummary[] = [];
  const progress: JobProgressEvent[] = [];
  events.on('job/state', (s) => states.push(s));
  events.on('job/progress', (p) => progress.push(p));
  return { jobs, connections, manager, states, progress };
}

describe('JobService', () => {
  it('titles jobs after their file', () => {
    expect(jobTitle('export', { out: '/x/orgs.xlsx' })).toBe('Export to orgs.xlsx');
    expect(jobTitle('import', { file: 'C:/in.csv' })).toBe('Import from in.csv');
    expect(jobTitle('delete', {})).toBe('Bulk delete');
  });

  it('needs a connection, and a kind this build has', async () => {
    const { jobs, connections } = setup();
    await expect(jobs.start({ kind: 'export', spec: { out: '/tmp/x.csv' } })).rejects.toMatchObject({
      kind: 'not_connected',
    });
    await connections.activate('sandbox');
    await expect(jobs.start({ kind: 'import', spec: {} })).rejects.toMatchObject({
      kind: 'unsupported',
      message: 'Import is not available in this version yet.',
    });
  });

  it('runs a job, pushes its state and progress, and keeps its throughput samples', async () => {
    const { jobs, connections, manager, states, progress } = setup(3);
    await connections.activate('sandbox');
    const started = await jobs.start({ kind: 'export', spec: { out: path.join(dir, 'orgs.csv') } });
    expect(started.title).toBe('Export to orgs.csv');
    expect(started.connection).toMatch(/^Sandbox — /);
    await manager.get(started.id)?.done;
    expect(states.at(-1)).toMatchObject({ id: started.id, state: 'done' });
    await expect.poll(() => progress.filter((p) => p.jobId === started.id).length).toBeGreaterThan(0);
    const detail = await jobs.get(started.id);
    expect(detail.summary.state).toBe('done');
    expect(detail.samples.length).toBeGreaterThan(0);
    expect(detail.rateLimit?.limit).toBe(40);
    expect((await jobs.list()).map((j) => j.id)).toEqual([started.id]);
  });

  it('answers an unknown job id with not_found', async () => {
    const { jobs } = setup();
    await expect(jobs.get('20260101-000000-zzzz')).rejects.toMatchObject({ kind: 'not_found' });
  });
});
