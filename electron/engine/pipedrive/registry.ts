/**
 * Per-identity state shared by every client object made for the same base URL and credential: the
 * rate governor (burst limits are per token, so two jobs at once must pace together), connection-wide
 * usage, and what we learnt about the account (e.g. that the v1 bulk delete is gone).
 */
import { connectionKey, type PipedriveConnection } from './connection.ts';
import { RateGovernor, type RateGovernorOptions } from './rate-governor.ts';
import { UsageCounter } from './usage.ts';

/** Everything remembered about one Pipedrive identity for the life of the process. */
export interface ConnectionState {
  readonly key: string;
  readonly governor: RateGovernor;
  /** All requests of every client of this identity (each client also keeps its own). */
  readonly usage: UsageCounter;
  /** `v2` once the v1 bulk delete answered 404/405/410: later bulk deletes go per id straight away. */
  bulkDeletePath: 'v1' | 'v2' | 'unknown';
}

const states = new Map<string, ConnectionState>();

/**
 * The shared state for a connection, created on first use. `governorOptions` only apply when this
 * call creates it (the first client made for an identity sets the tuning).
 */
export function connectionState(
  connection: PipedriveConnection,
  governorOptions?: RateGovernorOptions,
): ConnectionState {
  const key = connectionKey(connection);
  let state = states.get(key);
  if (!state) {
    state = {
      key,
      governor: new RateGovernor(governorOptions),
      usage: new UsageCounter(),
      bulkDeletePath: 'unknown',
    };
    states.set(key, state);
  }
  return state;
}

/** Forgets every connection's state (tests; or the app after the user signs out everywhere). */
export function resetConnectionStates(): void {
  states.clear();
}
