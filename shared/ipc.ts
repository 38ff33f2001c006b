/**
 * The whole renderer ↔ engine API, declared once (design.md, "One API, two transports"). Electron IPC and
 * the web bridge both carry exactly these calls and events; the renderer talks only to `window.orgport`,
 * whose type {@link OrgportApi} is derived from the maps below. Channel names appear nowhere else.
 * The zod schemas that check every incoming call are in `ipc-schemas.ts`.
 */
import type { OrgField, PipedriveUser } from './model.ts';
import type { JobKind, JobProgress, JobSummary } from './jobs.ts';
import type { ExportChannels } from './ipc-export.ts';
import { DELETE_INVOKE_METHODS, type DeleteChannels } from './ipc-delete.ts';
import { IMPORT_INVOKE_METHODS, type ImportChannels } from './ipc-import.ts';
import { ABOUT_INVOKE_METHODS, type AboutChannels } from './ipc-about.ts';
import { WELCOME_INVOKE_METHODS, type WelcomeChannels } from './ipc-welcome.ts';

// ---------------------------------------------------------------------------------------------------
// Payloads

/** Where a connection profile points: the embedded demo sandbox or a real Pipedrive company. */
export type ConnectionKind = 'sandbox' | 'pipedrive';

/** The id of the built-in sandbox profile, which always exists. */
export const SANDBOX_PROFILE_ID = 'sandbox';

/** A saved connection as the renderer sees it. The token itself never leaves the engine. */
export interface ConnectionProfile {
  readonly id: string;
  readonly name: string;
  readonly kind: ConnectionKind;
  /** Normalised base URL of a Pipedrive profile; null for the sandbox (its URL exists only while it runs). */
  readonly baseUrl: string | null;
  /** True when a token is stored for this profile (the sandbox needs none). */
  readonly hasToken: boolean;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

/** What the connection form sends to create (no `id`) or change (with `id`) a profile. */
export interface ConnectionDraft {
  readonly id?: string;
  readonly name: string;
  readonly kind: ConnectionKind;
  /** Company domain (`acme`, `acme.pipedrive.com`) or any http(s) URL; empty means api.pipedrive.com. */
  readonly baseUrl?: string;
  /** A new API token; omitted when editing keeps the stored one. */
  readonly token?: string;
}

/** The burst-limit headers last seen on a response (`x-ratelimit-*`); null where a header was absent. */
export interface RateLimitInfo {
  /** Requests allowed per window. */
  readonly limit: number | null;
  readonly remaining: number | null;
  /** Length of the window in seconds (Pipedrive: 2). */
  readonly windowSeconds: number;
  /** `x-daily-requests-left`, sent on POST/PUT responses only. */
  readonly dailyRequestsLeft: number | null;
}

/** Who and where a connection is, as shown in the header bar. */
export interface AccountInfo {
  readonly user: { readonly id: number; readonly name: string; readonly email: string };
  readonly company: { readonly id: number; readonly name: string; readonly domain: string };
  readonly rateLimit: RateLimitInfo | null;
  /** The daily token budget when it is known (the sandbox knows it; Pipedrive does not report it). */
  readonly dailyBudget: number | null;
}

/** What "Test connection" found. */
export type ConnectionTestResult =
  | {
      readonly ok: true;
      readonly baseUrl: string;
      readonly account: AccountInfo;
      readonly tokensSpent: number;
    }
  | { readonly ok: false; readonly error: ApiError };

/** The connection every other call works against. */
export interface ActiveConnection {
  readonly profile: ConnectionProfile;
  /** The URL requests go to (for the sandbox: where it runs now). */
  readonly baseUrl: string;
  readonly account: AccountInfo;
}

/** `connection/test` tests a saved profile or an unsaved draft (a draft with an `id` reuses its token). */
export type ConnectionTestRequest = { readonly profileId: string } | { readonly draft: ConnectionDraft };

/** One point of a job's throughput series, sampled from its progress events. */
export interface ThroughputSample {
  /** Milliseconds since the first sample. */
  readonly t: number;
  /** Items done so far in the current phase. */
  readonly current: number;
  /** API requests made so far by the connection. */
  readonly requests: number;
  readonly tokensSpent: number;
}

/** A job progress event, tagged with the job it belongs to. */
export interface JobProgressEvent {
  readonly jobId: string;
  readonly progress: JobProgress;
  /** The connection's daily budget left, when known. */
  readonly budgetLeft: number | null;
}

/** A job with what the UI draws for it: its summary, its last progress and its throughput samples. */
export interface JobDetail {
  readonly summary: JobSummary;
  readonly lastProgress: JobProgress | null;
  /** Empty for jobs this app instance did not watch (e.g. run from the CLI). */
  readonly samples: ReadonlyArray<ThroughputSample>;
  /** Requests per window allowed for the connection that ran it, when seen. */
  readonly rateLimit: RateLimitInfo | null;
}

/** What `job/start` is given. Each kind checks its own `spec` before anything starts. */
export interface JobStartRequest {
  readonly kind: JobKind;
  readonly spec: Readonly<Record<string, unknown>>;
}

/** A job addressed by its id. */
export interface JobRef {
  readonly jobId: string;
}

/** A file filter for open/save dialogs (extensions without the dot). */
export interface FileFilter {
  readonly name: string;
  readonly extensions: ReadonlyArray<string>;
}

/** A file the engine can read: picked, dropped or uploaded. */
export interface PickedFile {
  readonly path: string;
  readonly name: string;
  readonly size: number;
}

/** Arguments of `file/open-dialog`. */
export interface OpenDialogRequest {
  readonly title?: string;
  readonly filters?: ReadonlyArray<FileFilter>;
}

/** Arguments of `file/save-dialog`. */
export interface SaveDialogRequest {
  readonly title?: string;
  readonly defaultName: string;
  readonly filters?: ReadonlyArray<FileFilter>;
}

/** Where a save will go. */
export interface SaveTarget {
  readonly path: string;
}

/** A file or folder on the engine's side, addressed by path. */
export interface PathRef {
  readonly path: string;
}

/** Facts about this running instance that change what the UI offers. */
export interface AppInfo {
  readonly version: string;
  /** `encrypted`: tokens are stored encrypted on disk; `memory`: held in memory only, gone on restart. */
  readonly tokenStorage: 'encrypted' | 'memory';
  /** `dialog`: the user picks where files go; `folder`: files go to {@link AppInfo.saveFolder}. */
  readonly saveMode: 'dialog' | 'folder';
  readonly saveFolder: string | null;
  /** True when the OS can reveal a file in its folder from here. */
  readonly canShowInFolder: boolean;
  readonly dataDir: string;
}

/** What went wrong with a call, in words a user can act on. Never contains the API token. */
export interface ApiError {
  readonly kind: ApiErrorKind;
  readonly message: string;
}

/** Error classes the UI may react to differently. */
export type ApiErrorKind =
  | 'invalid_request'
  | 'not_connected'
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'budget_exhausted'
  | 'network'
  | 'unsupported'
  | 'conflict'
  | 'internal';

/** Every call answers with this envelope, so errors cross both transports intact (kind and message). */
export type InvokeResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

// ---------------------------------------------------------------------------------------------------
// Channels, grouped by feature (style rule 4)

/** Connection profiles and the active connection. */
export interface ConnectionChannels {
  'connection/list': () => Promise<ReadonlyArray<ConnectionProfile>>;
  'connection/save': (draft: ConnectionDraft) => Promise<ConnectionProfile>;
  'connection/delete': (args: { readonly profileId: string }) => Promise<void>;
  'connection/test': (args: ConnectionTestRequest) => Promise<ConnectionTestResult>;
  'connection/activate': (args: { readonly profileId: string }) => Promise<ActiveConnection>;
  'connection/disconnect': () => Promise<void>;
  'connection/active': () => Promise<ActiveConnection | null>;
}

/** Reference data of the active company. */
export interface AccountChannels {
  'fields/list': () => Promise<ReadonlyArray<OrgField>>;
  'users/list': () => Promise<ReadonlyArray<PipedriveUser>>;
}

/** Jobs: start, control, history. */
export interface JobChannels {
  'job/start': (request: JobStartRequest) => Promise<JobSummary>;
  'job/pause': (ref: JobRef) => Promise<JobSummary>;
  'job/resume': (ref: JobRef) => Promise<JobSummary>;
  'job/cancel': (ref: JobRef) => Promise<JobSummary>;
  'job/list': () => Promise<ReadonlyArray<JobSummary>>;
  'job/get': (ref: JobRef) => Promise<JobDetail>;
}

/** Files and the OS shell; each transport implements these its own way. */
export interface FileChannels {
  'file/open-dialog': (request: OpenDialogRequest) => Promise<PickedFile | null>;
  'file/save-dialog': (request: SaveDialogRequest) => Promise<SaveTarget | null>;
  'shell/open-path': (ref: PathRef) => Promise<void>;
  'shell/show-in-folder': (ref: PathRef) => Promise<void>;
  /** A file the OS asked the app to open ("Open with Orgport") before the page was listening, once. */
  'file/take-opened': () => Promise<PickedFile | null>;
}

/** This instance. */
export interface AppChannels {
  'app/info': () => Promise<AppInfo>;
}

/** Every request/response call: channel → `(args) => Promise<result>`. */
export type InvokeChannels = ConnectionChannels &
  AccountChannels &
  JobChannels &
  FileChannels &
  AppChannels &
  ExportChannels &
  DeleteChannels &
  ImportChannels &
  AboutChannels &
  WelcomeChannels;

/** A request/response channel name. */
export type InvokeChannel = keyof InvokeChannels;

/** The argument of a channel (`undefined` for calls without one). */
export type InvokeArgs<C extends InvokeChannel> =
  Parameters<InvokeChannels[C]> extends [infer A] ? A : undefined;

/** The resolved result of a channel. */
export type InvokeReturn<C extends InvokeChannel> = Awaited<ReturnType<InvokeChannels[C]>>;

/** Engine-side implementation of every channel (or of a feature's subset of them). */
export type InvokeHandlers = {
  readonly [C in InvokeChannel]: (args: InvokeArgs<C>) => Promise<InvokeReturn<C>>;
};

/** Everything the engine pushes to the renderer: channel → payload. */
export interface EventChannels {
  'job/progress': JobProgressEvent;
  'job/state': JobSummary;
  'connection/changed': ActiveConnection | null;
  /** The OS asked the app to open a spreadsheet ("Open with Orgport", a file dropped on the icon). */
  'file/opened': PickedFile;
}

/** A push channel name. */
export type EventChannel = keyof EventChannels;

// ---------------------------------------------------------------------------------------------------
// window.orgport

/** The name of the `window.orgport` method for each call (one function per channel). */
export const INVOKE_METHODS = {
  'connection/list': 'listConnections',
  'connection/save': 'saveConnection',
  'connection/delete': 'deleteConnection',
  'connection/test': 'testConnection',
  'connection/activate': 'activateConnection',
  'connection/disconnect': 'disconnect',
  'connection/active': 'activeConnection',
  'fields/list': 'listFields',
  'users/list': 'listUsers',
  'job/start': 'startJob',
  'job/pause': 'pauseJob',
  'job/resume': 'resumeJob',
  'job/cancel': 'cancelJob',
  'job/list': 'listJobs',
  'job/get': 'getJob',
  'file/open-dialog': 'openFileDialog',
  'file/save-dialog': 'saveFileDialog',
  'shell/open-path': 'openPath',
  'shell/show-in-folder': 'showInFolder',
  'file/take-opened': 'takeOpenedFile',
  'app/info': 'appInfo',
  'filters/list': 'listFilters',
  ...DELETE_INVOKE_METHODS,
  ...IMPORT_INVOKE_METHODS,
  ...ABOUT_INVOKE_METHODS,
  ...WELCOME_INVOKE_METHODS,
} as const satisfies { readonly [C in InvokeChannel]: string };

/** The name of the `window.orgport` subscription for each event. */
export const EVENT_METHODS = {
  'job/progress': 'onJobProgress',
  'job/state': 'onJobState',
  'connection/changed': 'onConnectionChanged',
  'file/opened': 'onFileOpened',
} as const satisfies { readonly [E in EventChannel]: string };

/** Every call channel, for registration and validation. */
export const INVOKE_CHANNELS = Object.keys(INVOKE_METHODS) as ReadonlyArray<InvokeChannel>;

/** Every event channel. */
export const EVENT_CHANNELS = Object.keys(EVENT_METHODS) as ReadonlyArray<EventChannel>;

/** Stops a subscription. */
export type Unsubscribe = () => void;

type InvokeMethod<C extends InvokeChannel> =
  InvokeArgs<C> extends undefined
    ? () => Promise<InvokeResult<InvokeReturn<C>>>
    : (args: InvokeArgs<C>) => Promise<InvokeResult<InvokeReturn<C>>>;

/** `window.orgport`: one function per call, one `on…` per event (each returns its unsubscribe). */
export type OrgportApi = {
  readonly [C in InvokeChannel as (typeof INVOKE_METHODS)[C]]: InvokeMethod<C>;
} & {
  readonly [E in EventChannel as (typeof EVENT_METHODS)[E]]: (
    listener: (payload: EventChannels[E]) => void,
  ) => Unsubscribe;
} & {
  /**
   * Turns a file dropped on (or picked in) the page into a {@link PickedFile} the engine can read:
   * its real path in the desktop app, an upload in the browser version.
   */
  readonly fileFromDrop: (file: File) => Promise<InvokeResult<PickedFile>>;
};

/** What a transport must provide for {@link createOrgportApi} to build `window.orgport`. */
export interface OrgportTransport {
  invoke(channel: InvokeChannel, args: unknown): Promise<InvokeResult<unknown>>;
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): Unsubscribe;
  fileFromDrop(file: File): Promise<InvokeResult<PickedFile>>;
}

/**
 * Builds `window.orgport` over a transport: both the preload (Electron IPC) and the web client
 * (WebSocket) use this, which is why the renderer cannot tell them apart. `overrides` lets a transport
 * implement a call locally (the browser opens its own file picker).
 */
export function createOrgportApi(
  transport: OrgportTransport,
  overrides: Partial<Record<InvokeChannel, (args: unknown) => Promise<InvokeResult<unknown>>>> = {},
): OrgportApi {
  const api: Record<string, unknown> = {};
  for (const channel of INVOKE_CHANNELS) {
    const local = overrides[channel];
    api[INVOKE_METHODS[channel]] = local ?? ((args?: unknown) => transport.invoke(channel, args));
  }
  for (const channel of EVENT_CHANNELS) {
    api[EVENT_METHODS[channel]] = (listener: (payload: unknown) => void) =>
      transport.subscribe(channel, listener);
  }
  api['fileFromDrop'] = (file: File) => transport.fileFromDrop(file);
  // The map above is built from the same tables the type is derived from; the shape is checked by the
  // unit test, which is as far as a loop over keys can be typed.
  return api as OrgportApi;
}

/** True for a string that names a call channel. */
export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.hasOwn(INVOKE_METHODS, value);
}

/** True for a string that names an event channel. */
export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && Object.hasOwn(EVENT_METHODS, value);
}
