/**
 * The checks made at the edge on every import call (`ipc-import.ts`), merged into `ipc-schemas.ts`.
 * Kept apart from the contract so the preload and the web client, which only need the channel
 * names, do not bundle zod.
 */
import { z } from 'zod';

const MAX_CELL = 10_000;
const sessionId = z.string().regex(/^[0-9a-f-]{36}$/i, 'must be a session id');
const header = z.string().max(1_000);
const targetText = z.string().min(1).max(200);
const profileName = z.string().trim().min(1, 'a name is required').max(200);
const profileId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,100}$/, 'must be a profile id');

const readChoice = z.strictObject({
  sheet: z.string().min(1).max(300).optional(),
  headerRow: z.number().int().min(1).max(1_000_000).optional(),
  encoding: z
    .string()
    .regex(/^[a-z0-9_-]{2,40}$/i, 'must be an encoding name such as "utf-8"')
    .optional(),
  delimiter: z.string().length(1, 'must be one character').optional(),
});

const settings = z.strictObject({
  dateOrder: z.enum(['iso', 'dmy', 'mdy', 'serial', 'ambiguous']).optional(),
  decimalSeparator: z.enum(['.', ',']).optional(),
  thousandsSeparator: z.enum([',', '.', ' ', "'"]).nullable().optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as "EUR"')
    .nullable()
    .optional(),
});

const choices = z.strictObject({
  mapping: z.record(header, targetText.nullable()),
  settings: z.record(header, settings),
  mode: z.enum(['create', 'update', 'upsert']),
  match: targetText.nullable(),
  emptyCells: z.enum(['skip', 'clear']),
  updateUnchanged: z.boolean(),
});

/** The argument schema of each import channel. */
export const IMPORT_SCHEMAS = {
  'import/open': z.strictObject({
    path: z.string().min(1, 'must not be empty').max(4_096),
    read: readChoice.optional(),
    mode: z.enum(['create', 'update', 'upsert']).optional(),
    replaces: sessionId.optional(),
  }),
  'import/preview': z.strictObject({ sessionId, choices, matchAgainstPipedrive: z.boolean() }),
  'import/rows': z.strictObject({
    sessionId,
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(1_000),
    problemsOnly: z.boolean(),
  }),
  'import/edit-cell': z.strictObject({
    sessionId,
    rowNumber: z.number().int().min(1),
    column: header,
    text: z.string().max(MAX_CELL, 'is too long for a cell').nullable(),
  }),
  'import/build-spec': z.strictObject({ sessionId, choices }),
  'import/close': z.strictObject({ sessionId }),
  'import-profile/list': z.undefined({ error: 'this call takes no arguments' }),
  'import-profile/save': z.strictObject({ name: profileName, replace: z.boolean(), sessionId, choices }),
  'import-profile/rename': z.strictObject({ id: profileId, name: profileName }),
  'import-profile/delete': z.strictObject({ id: profileId }),
  'import-profile/apply': z.strictObject({ sessionId, id: profileId, current: choices }),
} as const;
