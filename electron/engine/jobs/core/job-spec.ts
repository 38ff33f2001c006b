/**
 * Keeping secrets out of `job.json`. A job's spec says *what* to do and *which* connection to use (a
 * profile id, a base URL, a company label) — never *how to authenticate*. The token is supplied again
 * by whoever runs or resumes the job (the CLI from `--token`/`PIPEDRIVE_API_TOKEN`, the app from
 * `safeStorage`), so a job folder can be shared, attached to a bug report or grepped without leaking it.
 */
import { redact } from '../../pipedrive/redact.ts';

/**
 * Property names that hold credentials. They are removed from a spec at any depth, whatever their
 * value, so a caller that forwards its whole options object by mistake still writes no secret.
 */
const CREDENTIAL_KEY =
  /^(?:api[_-]?token|token|access[_-]?token|refresh[_-]?token|authorization|password|secret)$/i;

/**
 * Returns a JSON copy of `spec` without credential-like properties (`token`, `apiToken`,
 * `api_token`, `accessToken`, `refreshToken`, `authorization`, `password`, `secret`, any case, at
 * any depth), and with credentials inside strings (`…?api_token=…` in a URL) redacted. Throws if
 * the spec cannot be written as JSON (a cycle, a BigInt); what JSON cannot hold (functions,
 * `undefined`) is dropped as `JSON.stringify` drops it.
 */
export function sanitizeSpec(spec: unknown): unknown {
  let json: string | undefined;
  try {
    json = JSON.stringify(spec, (key, value: unknown) => {
      if (CREDENTIAL_KEY.test(key)) return undefined;
      return typeof value === 'string' ? redact(value) : value;
    });
  } catch (error) {
    throw new TypeError(`A job spec must be plain JSON: ${error instanceof Error ? error.message : error}`);
  }
  if (json === undefined) throw new TypeError('A job spec must be plain JSON.');
  return JSON.parse(json);
}
