/** Exit codes of every `orgport` command (design.md, "Command line"). */
export const EXIT = {
  /** Every row succeeded. */
  ok: 0,
  /** Some rows failed; reports were written. */
  someFailed: 1,
  /** Usage or input error: nothing was sent. */
  usage: 2,
  /** Stopped (auth failure, budget exhausted, interrupted): resumable with `orgport resume`. */
  stopped: 3,
} as const;

/** One of the exit codes above. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A mistake in how the command was called; printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
