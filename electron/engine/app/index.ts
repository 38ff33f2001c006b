/**
 * The API implementation both transports call: builds the connection and job services over a data
 * folder, and hands out the full handler map once a transport adds its file/shell handlers. Electron
 * main and the web bridge are thin wrappers around this.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { AppInfo, InvokeHandlers } from '../../../shared/ipc.ts';
import type { JobKind } from '../../../shared/jobs.ts';
import { ensureDataDir } from '../data-dir.ts';
import { JobManager } from '../jobs/core/job-manager.ts';
import { JobStore } from '../jobs/core/job-store.ts';
import { pruneImportFileCopies } from './import-file-copies.ts';
import { PipedriveClient } from '../pipedrive/index.ts';
import { startSandbox } from '../sandbox/index.ts';
import { ProfileStore } from './connection-profiles.ts';
import { ConnectionService, type ClientFactory, type SandboxProvider } from './connections.ts';
import { deleteHandlers } from './delete-handlers.ts';
import { combineHandlers } from './dispatch.ts';
import { EventHub } from './event-hub.ts';
import { exportHandlers } from './export-handlers.ts';
import { createImportFeature } from './import-handlers.ts';
import { registerJobKinds, type AppJobEnv } from './job-kinds.ts';
import { JobTraces } from './job-samples.ts';
import { JobService } from './jobs.ts';
import {
  accountHandlers,
  appHandlers,
  connectionHandlers,
  jobHandlers,
  type FileHandlers,
} from './handlers.ts';
import { OpenablePaths } from './openable-paths.ts';
import { aboutHandlers } from './about-handlers.ts';
import { startAppLog } from './app-log.ts';
import type { SecretStore } from './secret-store.ts';
import { SettingsFile } from './settings-file.ts';
import { repositoryResourcesDir } from './sample-file.ts';
import { welcomeHandlers } from './welcome-handlers.ts';

export { ApiCallError, combineHandlers, dispatchInvoke, toApiError } from './dispatch.ts';
export { EventHub, type EventForwarder } from './event-hub.ts';
export {
  MemorySecretStore,
  EncryptedFileSecretStore,
  type Encryptor,
  type SecretStore,
} from './secret-store.ts';
export { SettingsFile } from './settings-file.ts';
export type { FileHandlers } from './handlers.ts';
export type { SandboxHandle, SandboxProvider } from './connections.ts';
export { registerJobKinds, type AppJobEnv } from './job-kinds.ts';

/** How to build the app core. */
export interface AppCoreOptions {
  readonly dataDir: string;
  readonly secrets: SecretStore;
  readonly version: string;
  /** Starts the sandbox behind the "Sandbox" profile; default: embedded, persisted in the data folder. */
  readonly startSandbox?: SandboxProvider;
  readonly createClient?: ClientFactory<PipedriveClient>;
  /** Registers the job kinds this instance runs; default {@link registerJobKinds} (tests pass their own). */
  readonly registerJobs?: (manager: JobManager<AppJobEnv>) => ReadonlySet<JobKind>;
  /** Reconnect the profile active last time (default true). */
  readonly restoreLastConnection?: boolean;
  /** The folder holding `samples/` (the desktop app passes its resources folder); default: the repository's. */
  readonly resourcesDir?: string;
}

/** What a transport says about itself for `app/info`. */
export type TransportFacts = Pick<AppInfo, 'saveMode' | 'saveFolder' | 'canShowInFolder'>;

/** The running app core. */
export interface AppCore {
  readonly dataDir: string;
  readonly events: EventHub;
  /** Files the UI may open or download. */
  readonly openable: OpenablePaths;
  readonly settings: SettingsFile;
  /** The complete handler map for a transport's file/shell handlers and facts. */
  handlers(files: FileHandlers, facts: TransportFacts): InvokeHandlers;
  /**
   * Pauses the jobs running in this process (the web page watching them closed); they stay paused,
   * resumable from the History screen, until resumed or stopped by `close`.
   */
  pauseJobs(): void;
  /** Stops running jobs resumably and the embedded sandbox, and waits for pending settings writes. */
  close(): Promise<void>;
}

/** The default sandbox: embedded, its data kept in `<dataDir>/sandbox/state.json` across restarts. */
export function embeddedSandbox(dataDir: string): SandboxProvider {
  return async () => {
    const folder = path.join(dataDir, 'sandbox');
    await mkdir(folder, { recursive: true });
    const sandbox = await startSandbox({ persistPath: path.join(folder, 'state.json') });
    return {
      url: sandbox.url,
      dailyBudget: sandbox.control.stats().dailyBudget,
      budgetLeft: () => sandbox.control.stats().budgetLeft,
      close: () => sandbox.close(),
    };
  };
}

/** Builds the app core over a data folder. */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const paths = await ensureDataDir(options.dataDir);
  const events = new EventHub();
  const settings = new SettingsFile(paths.settings);
  const connections = new ConnectionService<PipedriveClient>({
    profiles: new ProfileStore(settings),
    secrets: options.secrets,
    events,
    startSandbox: options.startSandbox ?? embeddedSandbox(paths.root),
    // The app's own calls are interactive (someone waits on "Test connection"): few retries, short
    // timeouts. Jobs make their own clients with the patient defaults.
    createClient:
      options.createClient ??
      ((connection) =>
        new PipedriveClient(connection, { maxAttempts: 3, maxRetryTimeMs: 20_000, timeoutMs: 20_000 })),
  });
  const store = new JobStore(paths.jobs);
  const manager = new JobManager<AppJobEnv>(store);
  // Copies of import files no unfinished job needs any more; a failure only leaves them for next time.
  void pruneImportFileCopies({ dataDir: paths.root, jobs: () => store.list() }).catch(() => undefined);
  const kinds = (options.registerJobs ?? registerJobKinds)(manager);
  const jobs = new JobService<AppJobEnv, PipedriveClient>({
    manager,
    kinds,
    connections,
    events,
    traces: new JobTraces(path.join(paths.root, 'job-traces')),
    envFor: (live) => ({ client: live.client, connection: live.connection, label: live.label }),
  });
  const openable = new OpenablePaths([paths.jobs], async () =>
    (await manager.history()).flatMap((job) => job.reports.map((report) => report.path)),
  );
  const log = startAppLog({ dataDir: paths.root, version: options.version, manager });
  // The About box's "Show in folder": these exact paths only, not what is inside the data folder.
  openable.allow(paths.root);
  openable.allow(log.file);
  const imports = createImportFeature({ connections, dataDir: paths.root, profilesDir: paths.profiles });
  const deletes = deleteHandlers({ connections, dataDir: paths.root, events });
  if (options.restoreLastConnection !== false) void connections.restoreLast();

  const info = (facts: TransportFacts): AppInfo => ({
    version: options.version,
    tokenStorage: options.secrets.kind,
    dataDir: paths.root,
    ...facts,
  });

  return {
    dataDir: paths.root,
    events,
    openable,
    settings,
    handlers: (files, facts) =>
      log.watchHandlers(
        combineHandlers(
          connectionHandlers(connections),
          accountHandlers(connections),
          jobHandlers(jobs),
          appHandlers(() => info(facts)),
          exportHandlers(connections),
          imports.handlers,
          deletes.handlers,
          aboutHandlers(() => ({
            version: options.version,
            dataDir: paths.root,
            jobsDir: paths.jobs,
            logFile: log.file,
            saveFolder: facts.saveFolder,
            tokenStorage: options.secrets.kind,
            activeConnection: () => connections.active(),
          })),
          welcomeHandlers({ settings, resourcesDir: options.resourcesDir ?? repositoryResourcesDir() }),
          files,
        ),
      ),
    pauseJobs: () => void jobs.pauseAll(),
    close: async () => {
      await jobs.close();
      await imports.close();
      await deletes.close();
      await connections.close();
      await settings.flush();
      await log.close();
    },
  };
}
