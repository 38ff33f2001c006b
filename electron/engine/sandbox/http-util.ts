/**
 * Pipedrive's response envelopes (reference §5) and the small HTTP plumbing around them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The `error_info` Pipedrive puts on most errors. */
export const ERROR_INFO = 'Please check developers.pipedrive.com for more information about Pipedrive API.';

/** A JSON response a handler produces: status and body; the server adds headers. */
export interface JsonResponse {
  status: number;
  body: unknown;
}

/** An error a handler throws to answer with the standard error envelope. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly errorInfo: string = ERROR_INFO,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** `{success:false, error, error_info, data:null, additional_data:null}`. */
export function errorEnvelope(
  message: string,
  errorInfo: string = ERROR_INFO,
  extra: Record<string, unknown> = {},
): unknown {
  return {
    success: false,
    error: message,
    error_info: errorInfo,
    data: null,
    additional_data: null,
    ...extra,
  };
}

/** The 401 body Pipedrive documents for a missing or invalid token. */
export const UNAUTHORIZED_BODY = { success: false, error: 'unauthorized access', errorCode: 401 } as const;

/** A 400 validation error. */
export function badRequest(message: string): ApiError {
  return new ApiError(400, message);
}

/** A 404 with a specific message. */
export function notFound(message: string, errorInfo: string = ERROR_INFO): ApiError {
  return new ApiError(404, message, errorInfo);
}

/** What an unknown route answers (the same as a vanished endpoint). */
export function unknownRoute(): ApiError {
  return new ApiError(404, 'Unknown method .');
}

/** Reads a request body up to a size limit; rejects with an ApiError(413) beyond it. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > maxBytes) {
        failed = true;
        reject(new ApiError(413, 'Request entity too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
    });
  });
}

/** Parses a JSON request body; v2 takes JSON only (reference §1). */
export function parseJsonBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (contentType !== undefined && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
    throw badRequest('Request body must be JSON (Content-Type: application/json)');
  }
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw badRequest('Invalid JSON in request body');
  }
}

/** Writes a JSON response with the given headers. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string>,
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** The HTML page Cloudflare shows to a client that kept hammering after 429s (reference §6.5). */
export function cloudflarePage(rayId: string): string {
  return `<!DOCTYPE html>
<html lang="en-US">
<head><title>Attention Required! | Cloudflare</title><meta charset="UTF-8"></head>
<body>
<div id="cf-wrapper">
  <h1>Sorry, you have been blocked</h1>
  <h2>You are unable to access api.pipedrive.com</h2>
  <p>This website is using a security service to protect itself from online attacks.</p>
  <p>This error is produced by Cloudflare. Cloudflare Ray ID: <strong>${rayId}</strong></p>
</div>
</body>
</html>
`;
}
