/**
 * The errors that end a job's run, and how a thrown error becomes the job's final state. A job is
 * `stopped` (resumable) when it cannot go on *now* but could later — budget exhausted, token refused,
 * network down, app quitting — `cancelled` when the user said so, and `failed` for anything else.
 *
 * A stop is recognised in two ways: the Pipedrive client's own errors by their kind (see
 * `pipedriveStopReason`), and any other error by a `stopReason` property holding a `StopReason`
 * (JobStoppedError, or a job's own error class), so a job can stop for reasons the client never sees.
 */
import { STOP_REASONS } from '../../../../shared/jobs.ts';
import type { JobError, JobState, StopReason } from '../../../../shared/jobs.ts';
import { isPipedriveError } from '../../pipedrive/errors.ts';
import { redact } from '../../pipedrive/redact.ts';

/** Thrown (or used as the abort reason) when the user cancels a job. */
export class JobCancelledError extends Error {
  override readonly name = 'JobCancelledError';
  constructor(message = 'Cancelled.') {
    super(message);
  }
}

/** Thrown (or used as the abort reason) when a job must stop but can be resumed later. */
export class JobStoppedError extends Error {
  override readonly name = 'JobStoppedError';
  constructor(
    readonly stopReason: StopReason,
    message: string = DEFAULT_STOP_MESSAGES[stopReason],
  ) {
    super(message);
  }
}

/** Thrown when a pause/resume/cancel does not fit the job's current state. */
export class JobStateError extends Error {
  override readonly name = 'JobStateError';
}

/** The message shown for a stop when the error that caused it did not bring a better one. */
export const DEFAULT_STOP_MESSAGES: { readonly [R in StopReason]: string } = {
  budget: "The account's daily API token budget is used up. Resume the job after it resets.",
  unauthorized: 'Pipedrive refused the API token. Check the connection, then resume the job.',
  network: 'Pipedrive could not be reached. Check the network, then resume the job.',
  interrupted: 'The job was interrupted before it finished. Resume it to continue where it stopped.',
};

/** The stop reason an error carries, if it is a stop at all. */
export function stopReasonOf(error: unknown): StopReason | undefined {
  const fromClient = pipedriveStopReason(error);
  if (fromClient) return fromClient;
  if (typeof error !== 'object' || error === null || !('stopReason' in error)) return undefined;
  const reason = error.stopReason;
  return STOP_REASONS.find((r) => r === reason);
}

/**
 * The Pipedrive errors after which no further request of the run can succeed. A network error counts
 * only when the client gave up retrying (`maybeApplied` false): a create whose answer was lost comes
 * back at once with `maybeApplied` set, and that is a question about one row (did it land?), which the
 * import answers itself, not a reason to stop the job.
 */
function pipedriveStopReason(error: unknown): StopReason | undefined {
  if (!isPipedriveError(error)) return undefined;
  if (error.kind === 'budget_exhausted') return 'budget';
  if (error.kind === 'unauthorized') return 'unauthorized';
  // Cloudflare's block page after ignored 429s: every request fails until it lifts.
  if (error.blockedByCloudflare) return 'network';
  if (error.kind === 'network' && !error.maybeApplied) return 'network';
  return undefined;
}

/** How a run ended, as far as the final state is concerned. */
export interface Classification {
  readonly state: Extract<JobState, 'stopped' | 'cancelled' | 'failed'>;
  readonly stopReason?: StopReason;
  readonly error?: JobError;
}

/**
 * Maps what a run threw to the job's final state. When the job's own signal was aborted, its reason
 * wins over whatever the worker threw on the way out (usually a bare AbortError from a request).
 */
export function classifyJobError(thrown: unknown, signal?: AbortSignal): Classification {
  const cause = signal?.aborted ? signal.reason : thrown;
  if (cause instanceof JobCancelledError) return { state: 'cancelled' };
  const stopReason = stopReasonOf(cause);
  if (stopReason) {
    return {
      state: 'stopped',
      stopReason,
      error: { kind: stopReason, message: plainMessage(cause, stopReason) },
    };
  }
  // Aborted for a reason that is not ours to interpret: the job was still told to end, not broken.
  if (signal?.aborted) return { state: 'cancelled' };
  return { state: 'failed', error: { kind: 'unexpected', message: unexpectedMessage(thrown) } };
}

function plainMessage(error: unknown, reason: StopReason): string {
  const message = error instanceof Error ? redact(error.message).trim() : '';
  return message || DEFAULT_STOP_MESSAGES[reason];
}

function unexpectedMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const clean = redact(message).trim();
  return clean ? `Unexpected error: ${clean}` : 'Unexpected error.';
}
