/**
 * Runtime checks for every call of the API in `ipc.ts`. Both transports run each incoming message
 * through {@link parseInvokeArgs} before any handler sees it, so a malformed message is rejected whole,
 * with a message that says which field is wrong, and nothing is half-applied.
 */
import { z } from 'zod';
import type { InvokeArgs, InvokeChannel } from './ipc.ts';
import { DELETE_SCHEMAS } from './ipc-delete-schemas.ts';
import { IMPORT_SCHEMAS } from './ipc-import-schemas.ts';
import { ABOUT_SCHEMAS } from './ipc-about-schemas.ts';
import { WELCOME_SCHEMAS } from './ipc-welcome-schemas.ts';

const MAX_TEXT = 2_000;
const MAX_PATH = 4_096;

const id = z.string().min(1, 'must not be empty').max(200);
const text = z.string().max(MAX_TEXT);
const filePath = z.string().min(1, 'must not be empty').max(MAX_PATH);

const fileFilter = z.strictObject({
  name: z.string().min(1).max(200),
  extensions: z
    .array(z.string().regex(/^(\*|[a-z0-9]{1,10})$/i, 'must be an extension without the dot, e.g. "csv"'))
    .max(20),
});

const connectionDraft = z
  .strictObject({
    id: id.optional(),
    name: z.string().trim().min(1, 'a name is required').max(100),
    kind: z.enum(['sandbox', 'pipedrive']),
    baseUrl: z.string().trim().max(500).optional(),
    // The message must not echo the value: it is the secret.
    token: z
      .string()
      .trim()
      .min(1, 'the API token is empty')
      .max(500, 'the API token is too long')
      .regex(/^[\x21-\x7e]+$/, 'the API token contains spaces or unexpected characters')
      .optional(),
  })
  .superRefine((draft, ctx) => {
    if (draft.kind === 'sandbox' && (draft.token !== undefined || draft.baseUrl)) {
      ctx.addIssue({ code: 'custom', message: 'a sandbox profile takes no token or base URL' });
    }
  });

const profileRef = z.strictObject({ profileId: id });
const jobRef = z.strictObject({ jobId: id });
const pathRef = z.strictObject({ path: filePath });
const none = z.undefined({ error: 'this call takes no arguments' });

/** The schema of each call's argument; the annotation keeps it in step with the types in `ipc.ts`. */
export const INVOKE_SCHEMAS: { readonly [C in InvokeChannel]: z.ZodType<InvokeArgs<C>> } = {
  'connection/list': none,
  'connection/save': connectionDraft,
  'connection/delete': profileRef,
  'connection/test': z.union(
    [z.strictObject({ profileId: id }), z.strictObject({ draft: connectionDraft })],
    {
      error: 'expected { profileId } or { draft }',
    },
  ),
  'connection/activate': profileRef,
  'connection/disconnect': none,
  'connection/active': none,
  'fields/list': none,
  'users/list': none,
  'job/start': z.strictObject({
    kind: z.enum(['import', 'export', 'delete']),
    spec: z.record(z.string(), z.unknown()),
  }),
  'job/pause': jobRef,
  'job/resume': jobRef,
  'job/cancel': jobRef,
  'job/list': none,
  'job/get': jobRef,
  'file/open-dialog': z.strictObject({
    title: text.optional(),
    filters: z.array(fileFilter).max(20).optional(),
  }),
  'file/save-dialog': z.strictObject({
    title: text.optional(),
    defaultName: z.string().min(1).max(255),
    filters: z.array(fileFilter).max(20).optional(),
  }),
  'shell/open-path': pathRef,
  'shell/show-in-folder': pathRef,
  'file/take-opened': none,
  'app/info': none,
  'filters/list': none,
  ...DELETE_SCHEMAS,
  ...IMPORT_SCHEMAS,
  ...ABOUT_SCHEMAS,
  ...WELCOME_SCHEMAS,
};

/** The outcome of checking one call's argument. */
export type ArgsCheck<C extends InvokeChannel> =
  { readonly ok: true; readonly args: InvokeArgs<C> } | { readonly ok: false; readonly message: string };

/**
 * Checks a call's argument against its schema. The message names each bad field and what is wrong,
 * e.g. `Invalid request to "connection/save": name: a name is required`; it never repeats values.
 */
export function parseInvokeArgs<C extends InvokeChannel>(channel: C, args: unknown): ArgsCheck<C> {
  const schema: z.ZodType<InvokeArgs<C>> = INVOKE_SCHEMAS[channel];
  const result = schema.safeParse(args);
  if (result.success) return { ok: true, args: result.data };
  // A hostile message can carry a hundred thousand unknown keys, or one a megabyte long: the answer
  // names a few problems, each clipped, so it stays short whatever came in.
  const issues = result.error.issues;
  const problems = issues.slice(0, MAX_LISTED_PROBLEMS).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map((p) => clip(String(p))).join('.') : 'argument';
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.slice(0, MAX_LISTED_PROBLEMS).map((k) => JSON.stringify(clip(k)));
      const more = issue.keys.length - keys.length;
      return `${where}: unknown ${issue.keys.length === 1 ? 'property' : 'properties'} ${keys.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
    }
    return `${where}: ${clip(issue.message, 300)}`;
  });
  const more = issues.length - problems.length;
  return {
    ok: false,
    message: `Invalid request to "${channel}": ${problems.join('; ')}${more > 0 ? `; and ${more} more problems` : ''}`,
  };
}

/** Problems (and unknown keys) named in one rejection. */
const MAX_LISTED_PROBLEMS = 5;

function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
