/**
 * The reason the "not attempted" report gives for a row the job never finished, in words a user who
 * fixes and re-imports the file can act on: whether resuming is possible, and whether the row may be
 * in Pipedrive already (its create was on its way when the job ended), so it is not imported twice.
 */
import type { Classification } from '../core/job-errors.ts';

/** Why a row without an outcome was not imported, for a run that ended as `ending`. */
export function notAttemptedReason(ending: Classification, mayExist: boolean): string {
  const why =
    ending.state === 'cancelled'
      ? 'the import was cancelled'
      : ending.state === 'stopped'
        ? `the import stopped (${stopWords(ending)})`
        : `the import failed (${ending.error?.message ?? 'unexpected error'})`;
  const resumable = ending.state === 'stopped';
  if (mayExist) {
    return resumable
      ? `Not finished: ${why} while this row's create was being sent, so it may already exist in ` +
          'Pipedrive. Resume the job: it checks and adopts the organization instead of creating it twice. ' +
          'If you cancel the job instead, look for it in Pipedrive before importing this row again.'
      : `Not finished: ${why} while this row's create was being sent, so it may already exist in ` +
          'Pipedrive. Look for it there before importing this row again.';
  }
  return resumable
    ? `Not attempted yet: ${why} before this row was sent. Resume the job to import it ` +
        '(if you cancel the job instead, import this row again).'
    : `Not attempted: ${why} before this row was sent. Import it again.`;
}

function stopWords(ending: Classification): string {
  switch (ending.stopReason) {
    case 'budget':
      return "the company's daily API token budget ran out";
    case 'unauthorized':
      return 'Pipedrive refused the API token';
    case 'network':
      return 'Pipedrive could not be reached';
    default:
      return 'it was interrupted';
  }
}
