/**
 * The app's face of the job engine: starts jobs against the active connection, forwards their progress
 * and state changes as pushed events, records each job's throughput series, and answers the history
 * (every job on disk, so jobs run from the CLI appear too).
 */
import path from 'node:path';
import type { JobDetail, JobStartRequest } from '../../../shared/ipc.ts';
import { isFinalState } from '../../../shared/jobs.ts';
import type { JobKind, JobSummary } from '../../../shared/jobs.ts';
import type { JobManager } from '../jobs/core/job-manager.ts';
import type { AccountClient, ClientUsage } from './account.ts';
import { rateLimitFromUsage } from './account.ts';
import type { ConnectionService, LiveConnection } from './connections.ts';
import { ApiCallError } from './dispatch.ts';
import type { EventHub } from './event-hub.ts';
import type { JobTraces } from './job-samples.ts';

/** What {@link JobService} needs. */
export interface JobServiceDeps<E, C extends AccountClient> {
  readonly manager: JobManager<E>;
  /** The kinds registered with the manager; others are answered "not available in this version". */
  readonly kinds: ReadonlySet<JobKind>;
  readonly connections: ConnectionService<C>;
  readonly events: EventHub;
  readonly traces: JobTraces;
  /** The run-time environment a job gets (holds the live client; never stored). */
  readonly envFor: (live: LiveConnection<C>) => E;
}

const KIND_NAMES: { readonly [K in JobKind]: string } = {
  import: 'Import',
  export: 'Export',
  delete: 'Bulk delete',
};

/** The title a job is listed under, e.g. "Export to organizations.xlsx". */
export function jobTitle(kind: JobKind, spec: Readonly<Record<string, unknown>>): string {
  const file = ['out', 'file', 'path', 'from'].map((key) => spec[key]).find((v) => typeof v === 'string');
  if (typeof file !== 'string' || file === '') return KIND_NAMES[kind];
  const name = path.basename(file);
  return kind === 'export' ? `Export to ${name}` : `${KIND_NAMES[kind]} from ${name}`;
}

/** Jobs as the handlers see them. */
export class JobService<E, C extends AccountClient> {
  private readonly unsubscribe: Array<() => void> = [];

  constructor(private readonly deps: JobServiceDeps<E, C>) {
    const { manager, events, traces } = deps;
    this.unsubscribe.push(
      manager.onProgress((jobId, progress) => {
        const usage = this.currentUsage();
        traces.record(jobId, progress, usage?.requests ?? 0, usage ? rateLimitFromUsage(usage) : null);
        void deps.connections
          .budgetLeft(usage?.tokensSpent ?? null)
          .catch(() => null)
          .then((budgetLeft) => events.emit('job/progress', { jobId, progress, budgetLeft }));
      }),
      manager.onStateChange((summary) => {
        events.emit('job/state', summary);
        if (isFinalState(summary.state) || summary.state === 'stopped')
          void traces.save(summary.id).catch(() => undefined);
      }),
    );
  }

  /** Starts a job of a registered kind against the active connection. */
  async start(request: JobStartRequest): Promise<JobSummary> {
    if (!this.deps.kinds.has(request.kind)) {
      throw new ApiCallError(
        'unsupported',
        `${KIND_NAMES[request.kind]} is not available in this version yet.`,
      );
    }
    const live = this.deps.connections.requireLive();
    const run = await this.deps.manager.start({
      kind: request.kind,
      spec: request.spec,
      title: jobTitle(request.kind, request.spec),
      connection: live.label,
      env: this.deps.envFor(live),
    });
    return run.summary;
  }

  /** Pauses a job running here. */
  async pause(jobId: string): Promise<JobSummary> {
    this.deps.manager.pause(jobId);
    return this.summaryOf(jobId);
  }

  /** Resumes a paused job, or continues a stopped one (also one stopped by the CLI or a crash). */
  async resume(jobId: string): Promise<JobSummary> {
    const { manager } = this.deps;
    if (manager.get(jobId)) {
      manager.resume(jobId);
      return this.summaryOf(jobId);
    }
    const live = this.deps.connections.requireLive();
    const run = await manager.resumeStopped(jobId, this.deps.envFor(live));
    return run.summary;
  }

  /** Cancels a job; resolves once it has wound down. */
  cancel(jobId: string): Promise<JobSummary> {
    return this.deps.manager.cancel(jobId);
  }

  /** Every job on disk, newest first. */
  list(): Promise<ReadonlyArray<JobSummary>> {
    return this.deps.manager.history();
  }

  /** One job with its last progress and throughput samples. */
  async get(jobId: string): Promise<JobDetail> {
    const summary = await this.summaryOf(jobId);
    const trace = await this.deps.traces.get(jobId);
    return { summary, lastProgress: trace.lastProgress, samples: trace.samples, rateLimit: trace.rateLimit };
  }

  /** Pauses every job running here (the last page watching them closed); returns those paused. */
  pauseAll(): JobSummary[] {
    return this.deps.manager.pauseAll();
  }

  /** Stops every running job resumably (quit) and stops listening. */
  async close(): Promise<void> {
    await this.deps.manager.stopAll();
    this.unsubscribe.forEach((stop) => stop());
  }

  private async summaryOf(jobId: string): Promise<JobSummary> {
    const running = this.deps.manager.get(jobId);
    if (running) return running.summary;
    try {
      return (await this.deps.manager.store.load(jobId)).summary;
    } catch {
      throw new ApiCallError('not_found', `There is no job ${jobId}.`);
    }
  }

  private currentUsage(): ClientUsage | null {
    try {
      const client = this.deps.connections.requireLive().client;
      return client.connectionUsage?.() ?? client.usage();
    } catch {
      return null;
    }
  }
}
