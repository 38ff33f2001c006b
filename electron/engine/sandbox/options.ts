/**
 * The sandbox's knobs: the public option shape, their defaults, and the help text the CLI prints.
 */

/** How to start a sandbox. Every knob is optional; see {@link SANDBOX_OPTION_HELP} for what each does. */
export interface SandboxOptions {
  host?: string;
  port?: number;
  organizations?: number;
  seed?: number;
  burst?: number;
  searchBurst?: number;
  dailyBudget?: number;
  latencyMs?: number;
  latencyJitterMs?: number;
  serverErrorRate?: number;
  dropRate?: number;
  lostResponseRate?: number;
  retryAfter?: boolean;
  cloudflareAfterIgnored429s?: number | null;
  cloudflareCoolOffMs?: number;
  bulkDeleteEnabled?: boolean;
  bulkDeleteCallsLeft?: number | null;
  bulkDeleteMsPerId?: number;
  overLimit?: 'clamp' | 'error';
  repeatDelete?: 'not-found' | 'ok';
  tokens?: string[];
  persistPath?: string;
  manualClock?: boolean;
  startTime?: number;
  dailyWriteRequests?: number;
  requestLogLimit?: number;
  accountClosed?: boolean;
  maxOrganizations?: number | null;
}

/** Every option with its default filled in. */
export type ResolvedSandboxOptions = Required<
  Omit<SandboxOptions, 'tokens' | 'persistPath' | 'startTime'>
> & {
  tokens: string[] | null;
  persistPath: string | null;
  startTime: number | null;
};

/** Options that shape the data or the socket, so they can only be given at start. */
export const START_ONLY_OPTIONS = [
  'host',
  'port',
  'organizations',
  'seed',
  'persistPath',
  'manualClock',
  'startTime',
] as const;

/** Options {@link SandboxControl.setOptions} may change while the sandbox runs. */
export type RuntimeSandboxOptions = Omit<SandboxOptions, (typeof START_ONLY_OPTIONS)[number]>;

/** Growth plan, 5 seats: 30,000 × 2 × 5 (reference §6.2). */
const DEFAULT_DAILY_BUDGET = 300_000;

/** The defaults, chosen to behave like a Growth-plan company with five seats. */
export const SANDBOX_DEFAULTS: ResolvedSandboxOptions = {
  host: '127.0.0.1',
  port: 0,
  organizations: 500,
  seed: 1,
  burst: 40,
  searchBurst: 10,
  dailyBudget: DEFAULT_DAILY_BUDGET,
  latencyMs: 0,
  latencyJitterMs: 0,
  serverErrorRate: 0,
  dropRate: 0,
  lostResponseRate: 0,
  retryAfter: false,
  cloudflareAfterIgnored429s: null,
  cloudflareCoolOffMs: 60_000,
  bulkDeleteEnabled: true,
  bulkDeleteCallsLeft: null,
  bulkDeleteMsPerId: 0,
  overLimit: 'clamp',
  repeatDelete: 'not-found',
  tokens: null,
  persistPath: null,
  manualClock: false,
  startTime: null,
  dailyWriteRequests: 10_000,
  requestLogLimit: 10_000,
  accountClosed: false,
  maxOrganizations: null,
};

/** One line of help per option, for `orgport sandbox --help` and the docs. */
export interface SandboxOptionHelp {
  readonly default: string;
  readonly help: string;
}

/** Help text for every {@link SandboxOptions} key (the CLI maps its flags onto these). */
export const SANDBOX_OPTION_HELP = {
  host: { default: '127.0.0.1', help: 'interface to bind; keep the loopback address unless you know why' },
  port: { default: '0 (a free port)', help: 'TCP port to listen on' },
  organizations: { default: '500', help: 'how many demo organizations to seed on a fresh start' },
  seed: { default: '1', help: 'seed of the demo-data generator and of random faults; same seed, same data' },
  burst: {
    default: '40',
    help: 'requests per rolling 2 s per API token (Lite 20, Growth 40, Premium 100, Ultimate 120); OAuth gets 4×',
  },
  searchBurst: { default: '10', help: 'search requests per rolling 2 s per token, for every auth type' },
  dailyBudget: {
    default: '300000',
    help: 'daily API token budget of the company (30,000 × plan multiplier × seats)',
  },
  latencyMs: { default: '0', help: 'latency added to every request, in milliseconds' },
  latencyJitterMs: { default: '0', help: 'random extra latency, uniformly 0..N ms' },
  serverErrorRate: {
    default: '0',
    help: 'probability 0..1 that a request answers 500/503 without doing anything',
  },
  dropRate: {
    default: '0',
    help: 'probability 0..1 that the connection is dropped before the request is handled',
  },
  lostResponseRate: {
    default: '0',
    help: 'probability 0..1 that the request IS applied and then the connection drops without a response',
  },
  retryAfter: { default: 'false', help: 'send a Retry-After header with 429 responses' },
  cloudflareAfterIgnored429s: {
    default: 'off',
    help: 'after N requests sent while already rate-limited, answer with a Cloudflare-style HTML 403',
  },
  cloudflareCoolOffMs: { default: '60000', help: 'how long the Cloudflare-style block lasts, in ms' },
  bulkDeleteEnabled: {
    default: 'true',
    help: 'serve the deprecated v1 bulk delete; false answers 404 as an endpoint out of support may',
  },
  bulkDeleteCallsLeft: {
    default: 'no end',
    help: 'the v1 bulk delete answers this many more calls, then vanishes (404) as on its out-of-support day',
  },
  bulkDeleteMsPerId: { default: '0', help: 'time the v1 bulk delete takes per id (Pipedrive: up to ~20 ms)' },
  overLimit: { default: 'clamp', help: 'limit above 500: clamp to 500 or answer 400 ("error")' },
  repeatDelete: {
    default: 'not-found',
    help: 'deleting an already-deleted organization: 404 ("not-found") or 200 ("ok")',
  },
  tokens: { default: 'any non-empty token', help: 'accept only these tokens; others get 401' },
  persistPath: { default: 'none (memory only)', help: 'JSON file the data is loaded from and saved to' },
  manualClock: {
    default: 'false',
    help: 'freeze the clock; it then moves only through advanceClock (tests)',
  },
  startTime: { default: 'now', help: 'epoch ms the sandbox clock starts at' },
  dailyWriteRequests: {
    default: '10000',
    help: 'the legacy POST/PUT/PATCH per-day count behind x-daily-requests-left',
  },
  requestLogLimit: { default: '10000', help: 'how many recent requests the request log keeps' },
  accountClosed: {
    default: 'false',
    help: 'answer every request with 402, as for a company whose trial or payment lapsed',
  },
  maxOrganizations: {
    default: 'no cap',
    help: 'plan cap on organizations: creating beyond it answers 403 with a feature_capping code',
  },
} as const satisfies Record<keyof SandboxOptions, SandboxOptionHelp>;

/** Pipedrive plans: API-token burst per 2 s and the daily budget multiplier (reference §6.2, §6.3). */
export const PLANS = {
  lite: { burst: 20, multiplier: 1 },
  growth: { burst: 40, multiplier: 2 },
  premium: { burst: 100, multiplier: 5 },
  ultimate: { burst: 120, multiplier: 7 },
} as const;

/** The burst and daily budget of a plan with a number of seats: budget = 30,000 × multiplier × seats. */
export function planOptions(
  plan: keyof typeof PLANS,
  seats: number,
): Pick<SandboxOptions, 'burst' | 'dailyBudget'> {
  const p = PLANS[plan];
  return { burst: p.burst, dailyBudget: 30_000 * p.multiplier * seats };
}

/** Fills defaults in and rejects values that cannot work, with a message naming the option. */
export function resolveOptions(options: SandboxOptions = {}): ResolvedSandboxOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const resolved: ResolvedSandboxOptions = { ...SANDBOX_DEFAULTS, ...defined } as ResolvedSandboxOptions;
  checkOptions(resolved);
  return resolved;
}

/** Validates a resolved option set; throws a RangeError naming the first bad option. */
export function checkOptions(o: ResolvedSandboxOptions): void {
  const int = (name: keyof SandboxOptions, value: number, min: number): void => {
    if (!Number.isInteger(value) || value < min)
      throw new RangeError(`sandbox option ${name} must be an integer ≥ ${min}`);
  };
  const rate = (name: keyof SandboxOptions, value: number): void => {
    if (!(value >= 0 && value <= 1))
      throw new RangeError(`sandbox option ${name} must be a probability 0..1`);
  };
  int('port', o.port, 0);
  int('organizations', o.organizations, 0);
  int('seed', o.seed, 0);
  int('burst', o.burst, 1);
  int('searchBurst', o.searchBurst, 1);
  int('dailyBudget', o.dailyBudget, 0);
  int('latencyMs', o.latencyMs, 0);
  int('latencyJitterMs', o.latencyJitterMs, 0);
  int('cloudflareCoolOffMs', o.cloudflareCoolOffMs, 0);
  int('bulkDeleteMsPerId', o.bulkDeleteMsPerId, 0);
  int('dailyWriteRequests', o.dailyWriteRequests, 0);
  int('requestLogLimit', o.requestLogLimit, 0);
  if (o.cloudflareAfterIgnored429s !== null)
    int('cloudflareAfterIgnored429s', o.cloudflareAfterIgnored429s, 1);
  if (o.bulkDeleteCallsLeft !== null) int('bulkDeleteCallsLeft', o.bulkDeleteCallsLeft, 1);
  rate('serverErrorRate', o.serverErrorRate);
  rate('dropRate', o.dropRate);
  rate('lostResponseRate', o.lostResponseRate);
  if (o.serverErrorRate + o.dropRate + o.lostResponseRate > 1) {
    throw new RangeError('sandbox options serverErrorRate + dropRate + lostResponseRate must not exceed 1');
  }
  if (o.overLimit !== 'clamp' && o.overLimit !== 'error')
    throw new RangeError('sandbox option overLimit must be clamp or error');
  if (o.repeatDelete !== 'not-found' && o.repeatDelete !== 'ok') {
    throw new RangeError('sandbox option repeatDelete must be not-found or ok');
  }
  if (
    o.tokens !== null &&
    (!Array.isArray(o.tokens) || o.tokens.some((t) => typeof t !== 'string' || t === ''))
  ) {
    throw new RangeError('sandbox option tokens must be a list of non-empty strings');
  }
}
