/**
 * The embedded Pipedrive sandbox: an HTTP server imitating the Pipedrive endpoints Orgport uses,
 * closely enough that Pipedrive's official Node client works against it unchanged. It is the app's
 * "try without an account" connection and what every test runs against.
 *
 * Start one with {@link startSandbox}; drive it in-process through `running.control`
 * ({@link SandboxControl}). README.md in this folder lists the emulated behaviour and the choices made
 * where Pipedrive's documentation is silent.
 */
export { startSandbox, type RunningSandbox } from './server.ts';
export {
  PLANS,
  planOptions,
  SANDBOX_DEFAULTS,
  SANDBOX_OPTION_HELP,
  type ResolvedSandboxOptions,
  type RuntimeSandboxOptions,
  type SandboxOptionHelp,
  type SandboxOptions,
} from './options.ts';
export type { SandboxControl, SandboxOrganizationInput } from './control.ts';
export type { FaultKind, FaultSpec } from './faults.ts';
export type { RequestLogEntry, RequestOutcome, SandboxStats } from './request-log.ts';
export { COST_TABLE } from './router.ts';
