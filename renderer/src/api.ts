/**
 * The renderer's door to the engine. Every call answers with an envelope; `unwrap` turns a failure
 * into a thrown {@link ApiFailure} so TanStack Query sees it as an error, kind and message intact.
 */
import type { ApiErrorKind, InvokeResult, OrgportApi } from '../../shared/ipc.ts';

/** A failed call, with the engine's error kind and its user-facing message. */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** `window.orgport`, with a clear error when the page was opened without Orgport behind it. */
export function orgport(): OrgportApi {
  const api = (window as { orgport?: OrgportApi }).orgport;
  if (!api)
    throw new ApiFailure('internal', 'This page must be opened from Orgport (the app or "orgport web").');
  return api;
}

/** The value of a successful call; throws {@link ApiFailure} otherwise. */
export async function unwrap<T>(call: Promise<InvokeResult<T>>): Promise<T> {
  const result = await call;
  if (result.ok) return result.value;
  throw new ApiFailure(result.error.kind, result.error.message);
}

/** A message for any error a call or a component may raise. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
