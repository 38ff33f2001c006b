import { EXIT, UsageError, type ExitCode } from './exit-codes.ts';

/** Error kinds after which a job is stopped and can be resumed (design.md exit code 3). */
const STOPPING_KINDS = new Set([
  'unauthorized',
  'forbidden',
  'budget_exhausted',
  'rate_limited',
  'network',
  'server',
]);

/** The `kind` of a typed Pipedrive or file error, when the error has one. */
function kindOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'kind' in error) {
    const kind = (error as { kind: unknown }).kind;
    return typeof kind === 'string' ? kind : undefined;
  }
  return undefined;
}

/** A one-paragraph, human message for any error; typed errors already carry redacted messages. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const hint = hintFor(kindOf(error));
    return hint ? `${error.message}\n${hint}` : error.message;
  }
  return String(error);
}

function hintFor(kind: string | undefined): string | undefined {
  switch (kind) {
    case 'unauthorized':
      return 'Check the API token (Pipedrive: Settings > Personal preferences > API) and the company domain.';
    case 'budget_exhausted':
      return "The company's daily API token budget is used up; it resets at midnight (server time). Resume then with: orgport resume";
    case 'network':
      return 'Check the network connection and the --base-url, then run the command again (or orgport resume).';
    default:
      return undefined;
  }
}

/** The exit code for an error that escaped a command. */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof UsageError) return EXIT.usage;
  const kind = kindOf(error);
  if (kind !== undefined && STOPPING_KINDS.has(kind)) return EXIT.stopped;
  if (error instanceof Error && error.name === 'FileReadError') return EXIT.usage;
  return EXIT.someFailed;
}
