/**
 * The edge every call crosses, whichever transport carried it: the channel is checked, the argument is
 * validated against its schema, the handler runs, and whatever it throws becomes a plain
 * {@link ApiError} envelope. Handlers never see a malformed message, so nothing is half-applied.
 */
import { parseInvokeArgs } from '../../../shared/ipc-schemas.ts';
import { INVOKE_CHANNELS, isInvokeChannel } from '../../../shared/ipc.ts';
import type {
  ApiError,
  ApiErrorKind,
  InvokeArgs,
  InvokeChannel,
  InvokeHandlers,
  InvokeResult,
} from '../../../shared/ipc.ts';

/** An error a handler throws on purpose, with the kind and words the user should see. */
export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** A feature's subset of the handlers (style rule 4: grouped by feature, combined at start-up). */
export type HandlerGroup = Partial<InvokeHandlers>;

/**
 * Merges feature handler groups into the full map. Throws at start-up when two groups claim the same
 * channel (the later one would silently win otherwise) or when a channel has no handler.
 */
export function combineHandlers(...groups: ReadonlyArray<HandlerGroup>): InvokeHandlers {
  const combined: Record<string, unknown> = {};
  for (const group of groups) {
    for (const channel of Object.keys(group)) {
      if (Object.hasOwn(combined, channel)) {
        throw new Error(`Two handler groups register the channel "${channel}".`);
      }
      combined[channel] = group[channel as InvokeChannel];
    }
  }
  return assertComplete(combined);
}

/** The channels of the contract that have no handler in `handlers`. */
export function missingChannels(
  handlers: Readonly<Record<string, unknown>>,
  all: ReadonlyArray<string>,
): string[] {
  return all.filter((channel) => typeof handlers[channel] !== 'function');
}

function assertComplete(handlers: Record<string, unknown>): InvokeHandlers {
  const unknown = Object.keys(handlers).filter((channel) => !isInvokeChannel(channel));
  if (unknown.length > 0)
    throw new Error(`Handlers for channels not in the contract: ${unknown.join(', ')}.`);
  const missing = missingChannels(handlers, INVOKE_CHANNELS);
  if (missing.length > 0) throw new Error(`No handler for: ${missing.join(', ')}.`);
  // Every key is a contract channel with a function: exactly the InvokeHandlers shape.
  return handlers as InvokeHandlers;
}

/**
 * Runs one incoming call: validates `channel` and `args`, calls the handler, and wraps the outcome.
 * Never throws; every failure comes back as `{ ok: false, error }`.
 */
export async function dispatchInvoke(
  handlers: InvokeHandlers,
  channel: unknown,
  args: unknown,
): Promise<InvokeResult<unknown>> {
  if (!isInvokeChannel(channel)) {
    return fail('invalid_request', `Unknown call ${JSON.stringify(String(channel)).slice(0, 80)}.`);
  }
  const checked = parseInvokeArgs(channel, args);
  if (!checked.ok) return fail('invalid_request', checked.message);
  try {
    const value = await callHandler(handlers, channel, checked.args);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}

function callHandler<C extends InvokeChannel>(
  handlers: InvokeHandlers,
  channel: C,
  args: InvokeArgs<C>,
): Promise<unknown> {
  const handler: (args: InvokeArgs<C>) => Promise<unknown> = handlers[channel];
  return handler(args);
}

function fail(kind: ApiErrorKind, message: string): InvokeResult<never> {
  return { ok: false, error: { kind, message } };
}

const PIPEDRIVE_KINDS: Readonly<Record<string, ApiErrorKind>> = {
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  not_found: 'not_found',
  validation: 'invalid_request',
  rate_limited: 'rate_limited',
  budget_exhausted: 'budget_exhausted',
  server: 'network',
  network: 'network',
  cancelled: 'conflict',
  unexpected: 'internal',
};

/**
 * Turns anything a handler threw into an {@link ApiError}. Errors that carry a `kind` (ours, the
 * Pipedrive client's) keep it; their messages are already written for users and redacted by the
 * client. Anything else is a bug: the user gets its message with a generic kind.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiCallError) return { kind: error.kind, message: error.message };
  if (error instanceof Error) {
    const kind = (error as { kind?: unknown }).kind;
    if (typeof kind === 'string' && Object.hasOwn(PIPEDRIVE_KINDS, kind)) {
      return { kind: PIPEDRIVE_KINDS[kind] ?? 'internal', message: error.message };
    }
    if (error.name === 'JobStateError' || error.name === 'JobBusyError')
      return { kind: 'conflict', message: error.message };
    if (error.name === 'InvalidBaseUrlError') return { kind: 'invalid_request', message: error.message };
    return { kind: 'internal', message: error.message || 'Something went wrong.' };
  }
  return { kind: 'internal', message: 'Something went wrong.' };
}
