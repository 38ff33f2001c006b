/**
 * Connection profiles and the one active connection: saving (token to the {@link SecretStore}, the rest
 * to `settings.json`), testing, activating, and starting the embedded sandbox on demand. The renderer
 * only ever learns `hasToken`; a saved token never travels back.
 */
import { normalizeBaseUrl } from '../pipedrive/connection.ts';
import { registerSecret } from '../pipedrive/redact.ts';
import type { PipedriveConnection } from '../pipedrive/connection.ts';
import type {
  ActiveConnection,
  ConnectionDraft,
  ConnectionProfile,
  ConnectionTestRequest,
  ConnectionTestResult,
} from '../../../shared/ipc.ts';
import { accountInfo, rateLimitFromUsage, type AccountClient } from './account.ts';
import { ApiCallError, toApiError } from './dispatch.ts';
import type { EventHub } from './event-hub.ts';
import {
  ProfileNotFoundError,
  SANDBOX_PROFILE_ID,
  type ProfileStore,
  type StoredProfile,
} from './connection-profiles.ts';
import type { SecretStore } from './secret-store.ts';

/** The token the embedded sandbox is called with (it accepts any non-empty token). */
export const SANDBOX_TOKEN = 'sandbox';

/** A running sandbox as the app uses it. */
export interface SandboxHandle {
  readonly url: string;
  /** Its configured daily token budget. */
  readonly dailyBudget: number | null;
  /** Tokens left of today's budget, when the sandbox can say (it knows every client's spending). */
  budgetLeft?(): number;
  close(): Promise<void>;
}

/** Starts the sandbox the "Sandbox" profile talks to (once per app run). */
export type SandboxProvider = () => Promise<SandboxHandle>;

/** Makes a client for a connection (the engine's `PipedriveClient` in the app, a fake in tests). */
export type ClientFactory<C extends AccountClient = AccountClient> = (connection: PipedriveConnection) => C;

/** What {@link ConnectionService} needs. */
export interface ConnectionServiceDeps<C extends AccountClient> {
  readonly profiles: ProfileStore;
  readonly secrets: SecretStore;
  readonly events: EventHub;
  readonly startSandbox: SandboxProvider;
  readonly createClient: ClientFactory<C>;
}

/** The live connection: what the UI sees plus the client the engine works with. */
export interface LiveConnection<C extends AccountClient = AccountClient> {
  readonly view: ActiveConnection;
  readonly client: C;
  readonly connection: PipedriveConnection;
  /** For job history: "Acme Ltd — jane@acme.com", never the token. */
  readonly label: string;
}

/**
 * A draft's base URL, normalised. The token is registered for redaction first, so the message about a
 * bad URL cannot echo it; and a token pasted into the URL itself is refused, since the URL is kept in
 * settings.json as plain text.
 */
function draftBaseUrl(draft: ConnectionDraft, token: string | null): string {
  if (token) registerSecret(token);
  const baseUrl = normalizeBaseUrl(draft.baseUrl);
  if (token && baseUrl.toLowerCase().includes(token.toLowerCase())) {
    throw new ApiCallError(
      'invalid_request',
      'The API token does not belong in the base URL: enter it in the token field only.',
    );
  }
  return baseUrl;
}

/** Profiles, tests and the active connection. */
export class ConnectionService<C extends AccountClient = AccountClient> {
  private live: LiveConnection<C> | null = null;
  private sandbox: Promise<SandboxHandle> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ConnectionServiceDeps<C>) {}

  /** Every saved profile, with `hasToken` instead of the token. */
  async list(): Promise<ReadonlyArray<ConnectionProfile>> {
    const stored = await this.deps.profiles.list();
    return Promise.all(stored.map((p) => this.toView(p)));
  }

  /** Creates or changes a profile. A Pipedrive profile needs a token when it is created. */
  async save(draft: ConnectionDraft): Promise<ConnectionProfile> {
    if (draft.kind === 'sandbox' && draft.id !== SANDBOX_PROFILE_ID) {
      throw new ApiCallError('invalid_request', 'There is one sandbox profile; it cannot be added again.');
    }
    const baseUrl = draft.kind === 'pipedrive' ? draftBaseUrl(draft, draft.token ?? null) : null;
    if (draft.kind === 'pipedrive' && draft.id === undefined && !draft.token) {
      throw new ApiCallError('invalid_request', 'Enter the API token of the Pipedrive user to connect as.');
    }
    const before = draft.id === undefined ? null : await this.deps.profiles.get(draft.id);
    const saved = await this.guard(() =>
      this.deps.profiles.save({ id: draft.id, name: draft.name, kind: draft.kind, baseUrl }),
    );
    if (draft.token) await this.deps.secrets.set(saved.id, draft.token);
    const view = await this.toView(saved);
    if (this.live?.view.profile.id === saved.id) {
      const reconnect = Boolean(draft.token) || before?.baseUrl !== saved.baseUrl;
      if (reconnect) await this.activate(saved.id);
      else this.setLive({ ...this.live, view: { ...this.live.view, profile: view } });
    }
    return view;
  }

  /** Deletes a profile and its token; disconnects first when it is the active one. */
  async delete(profileId: string): Promise<void> {
    if (profileId === SANDBOX_PROFILE_ID) {
      throw new ApiCallError('invalid_request', 'The sandbox profile is built in and cannot be deleted.');
    }
    if (this.live?.view.profile.id === profileId) await this.disconnect();
    await this.guard(() => this.deps.profiles.remove(profileId));
    await this.deps.secrets.delete(profileId);
  }

  /** Calls `/users/me` with a saved profile or a draft; failures come back as `{ ok: false }`. */
  async test(request: ConnectionTestRequest): Promise<ConnectionTestResult> {
    try {
      const target =
        'profileId' in request
          ? await this.connectionFor(request.profileId)
          : await this.draftConnection(request.draft);
      const client = this.deps.createClient(target.connection);
      const user = await client.getCurrentUser();
      const usage = client.usage();
      return {
        ok: true,
        baseUrl: target.connection.baseUrl,
        account: accountInfo(user, usage, target.dailyBudget),
        tokensSpent: usage.tokensSpent,
      };
    } catch (error) {
      return { ok: false, error: toApiError(error) };
    }
  }

  /** Makes a profile the active connection (checking it answers) and tells every window. */
  activate(profileId: string): Promise<ActiveConnection> {
    return this.serialised(async () => {
      const profile = await this.requireProfile(profileId);
      const target = await this.connectionFor(profileId);
      const client = this.deps.createClient(target.connection);
      const user = await client.getCurrentUser();
      await this.deps.profiles.setActive(profileId);
      const stored = (await this.deps.profiles.get(profileId)) ?? profile;
      const account = accountInfo(user, client.usage(), target.dailyBudget);
      const view: ActiveConnection = {
        profile: await this.toView(stored),
        baseUrl: target.connection.baseUrl,
        account,
      };
      const label =
        stored.kind === 'sandbox'
          ? `Sandbox — ${account.company.name}`
          : `${account.company.name} — ${account.user.email}`;
      this.setLive({ view, client, connection: target.connection, label });
      return view;
    });
  }

  /** Drops the active connection. */
  disconnect(): Promise<void> {
    return this.serialised(async () => {
      await this.deps.profiles.setActive(null);
      this.setLive(null);
    });
  }

  /** The active connection with fresh rate-limit figures, or null. */
  active(): ActiveConnection | null {
    const live = this.live;
    if (!live) return null;
    const rateLimit = rateLimitFromUsage(live.client.usage()) ?? live.view.account.rateLimit;
    return { ...live.view, account: { ...live.view.account, rateLimit } };
  }

  /**
   * Tokens left of the active company's daily budget: exact for the sandbox; for Pipedrive, which does
   * not report it, the budget minus what this app spent (an upper bound) when the budget is known.
   */
  async budgetLeft(spentHere: number | null): Promise<number | null> {
    const live = this.live;
    if (!live) return null;
    if (live.view.profile.kind === 'sandbox' && this.sandbox) {
      const sandbox = await this.sandbox.catch(() => null);
      if (sandbox?.budgetLeft) return sandbox.budgetLeft();
    }
    const budget = live.view.account.dailyBudget;
    return budget === null || spentHere === null ? null : Math.max(0, budget - spentHere);
  }

  /** The live connection, or a clear "not connected" error for calls that need one. */
  requireLive(): LiveConnection<C> {
    if (!this.live) {
      throw new ApiCallError(
        'not_connected',
        'Connect to the sandbox or a Pipedrive company first (Connections).',
      );
    }
    return this.live;
  }

  /** Reconnects the profile that was active last time, if it can without asking (errors are dropped). */
  async restoreLast(): Promise<void> {
    const id = await this.deps.profiles.activeId();
    if (id === null) return;
    const profile = await this.deps.profiles.get(id);
    if (!profile) return;
    if (profile.kind === 'pipedrive' && (await this.deps.secrets.get(id)) === null) return;
    try {
      await this.activate(id);
    } catch {
      // The company may be unreachable right now; the Connections screen shows the profile to retry.
    }
  }

  /** Stops the embedded sandbox, if it was started. */
  async close(): Promise<void> {
    this.live = null;
    const sandbox = this.sandbox;
    this.sandbox = null;
    if (sandbox) await (await sandbox.catch(() => null))?.close();
  }

  private setLive(live: LiveConnection<C> | null): void {
    this.live = live;
    this.deps.events.emit('connection/changed', live ? live.view : null);
  }

  private async toView(profile: StoredProfile): Promise<ConnectionProfile> {
    const hasToken = profile.kind === 'pipedrive' && (await this.deps.secrets.get(profile.id)) !== null;
    return { ...profile, hasToken };
  }

  private async requireProfile(profileId: string): Promise<StoredProfile> {
    const profile = await this.deps.profiles.get(profileId);
    if (!profile) throw new ApiCallError('not_found', `No saved connection with id "${profileId}".`);
    return profile;
  }

  private async connectionFor(
    profileId: string,
  ): Promise<{ connection: PipedriveConnection; dailyBudget: number | null }> {
    const profile = await this.requireProfile(profileId);
    if (profile.kind === 'sandbox') return this.sandboxConnection();
    const token = await this.deps.secrets.get(profile.id);
    if (token === null) {
      throw new ApiCallError(
        'unauthorized',
        `No API token is stored for "${profile.name}". Edit the connection and enter the token again.`,
      );
    }
    return {
      connection: { baseUrl: normalizeBaseUrl(profile.baseUrl), auth: { kind: 'token', token } },
      dailyBudget: null,
    };
  }

  private async draftConnection(
    draft: ConnectionDraft,
  ): Promise<{ connection: PipedriveConnection; dailyBudget: number | null }> {
    if (draft.kind === 'sandbox') return this.sandboxConnection();
    let token = draft.token ?? null;
    if (token === null && draft.id !== undefined) token = await this.deps.secrets.get(draft.id);
    if (token === null)
      throw new ApiCallError('invalid_request', 'Enter the API token to test the connection.');
    return {
      connection: { baseUrl: draftBaseUrl(draft, token), auth: { kind: 'token', token } },
      dailyBudget: null,
    };
  }

  private async sandboxConnection(): Promise<{
    connection: PipedriveConnection;
    dailyBudget: number | null;
  }> {
    if (!this.sandbox) {
      this.sandbox = this.deps.startSandbox();
      // A failed start must be retryable, not remembered for the rest of the run.
      this.sandbox.catch(() => {
        this.sandbox = null;
      });
    }
    const sandbox = await this.sandbox;
    return {
      connection: { baseUrl: sandbox.url, auth: { kind: 'token', token: SANDBOX_TOKEN } },
      dailyBudget: sandbox.dailyBudget,
    };
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ProfileNotFoundError) throw new ApiCallError('not_found', error.message);
      throw error;
    }
  }
}
