import { startSandbox, type RunningSandbox } from '../engine/sandbox/index.ts';
import {
  normalizeBaseUrl,
  PipedriveClient,
  registerSecret,
  type ConnectionConfig,
} from '../engine/pipedrive/index.ts';
import { stringFlag, type Flags, type OptionSpec } from './args.ts';
import { UsageError } from './exit-codes.ts';

/** The connection flags every command that talks to Pipedrive accepts. */
export const CONNECTION_OPTIONS: OptionSpec = {
  token: { type: 'string' },
  'base-url': { type: 'string' },
  sandbox: { type: 'boolean' },
};

/** Help text for the connection flags, shared by every command's usage. */
export const CONNECTION_HELP = `Connection:
  --token TOKEN        Pipedrive API token (or set PIPEDRIVE_API_TOKEN; the variable keeps it out of
                       your shell history and process list). The CLI never saves the token: give it
                       again with every command, including "orgport resume"
  --base-url URL       https://api.pipedrive.com (default), your company domain (acme or
                       acme.pipedrive.com) or any URL, e.g. a sandbox's (or set PIPEDRIVE_BASE_URL)
  --sandbox            start an embedded sandbox with demo data instead of calling Pipedrive`;

/** A client ready to use, and what to close when the command ends. */
export interface CliConnection {
  readonly client: PipedriveClient;
  readonly config: ConnectionConfig;
  /** Human label for summaries and job history; never includes the token. */
  readonly label: string;
  readonly sandbox: RunningSandbox | null;
  close(): Promise<void>;
}

/** Builds the connection from flags and environment, starting an embedded sandbox for --sandbox. */
export async function openConnection(
  flags: Flags,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CliConnection> {
  if (flags.sandbox === true) {
    const sandbox = await startSandbox({});
    const config: ConnectionConfig = { baseUrl: sandbox.url, auth: { kind: 'token', token: 'sandbox' } };
    return {
      client: new PipedriveClient(config),
      config,
      // Stable across runs so `orgport resume --sandbox` accepts a job started with --sandbox.
      label: 'Sandbox (embedded)',
      sandbox,
      close: () => sandbox.close(),
    };
  }
  const token = stringFlag(flags, 'token') ?? env.PIPEDRIVE_API_TOKEN;
  if (!token) {
    throw new UsageError(
      'no API token: pass --token or set PIPEDRIVE_API_TOKEN (or use --sandbox to try with demo data)',
    );
  }
  // Registered before anything can fail, so no message (a bad --base-url echoed back) shows it.
  registerSecret(token);
  const rawBase = stringFlag(flags, 'base-url') ?? env.PIPEDRIVE_BASE_URL ?? 'https://api.pipedrive.com';
  let baseUrl: string;
  try {
    baseUrl = normalizeBaseUrl(rawBase);
  } catch (error) {
    throw new UsageError(`--base-url: ${error instanceof Error ? error.message : String(error)}`);
  }
  // The base URL is the job's connection label, written to the job files: it must not carry the token.
  if (baseUrl.toLowerCase().includes(token.toLowerCase())) {
    throw new UsageError(
      '--base-url: the API token does not belong in the base URL; pass it with --token or PIPEDRIVE_API_TOKEN',
    );
  }
  const config: ConnectionConfig = { baseUrl, auth: { kind: 'token', token } };
  return {
    client: new PipedriveClient(config),
    config,
    label: baseUrl,
    sandbox: null,
    close: async () => {},
  };
}
