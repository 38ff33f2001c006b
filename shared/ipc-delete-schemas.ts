/**
 * Runtime checks for the calls of `ipc-delete.ts`, merged into `INVOKE_SCHEMAS` so both transports
 * reject a malformed browse, preview or selection call before any handler sees it.
 */
import { z } from 'zod';
import type { InvokeArgs } from './ipc.ts';
import { MAX_DELETE_IDS, type DeleteChannels } from './ipc-delete.ts';

const sessionId = z.string().min(1, 'must not be empty').max(100);
const positiveInt = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const count = z.number().int().nonnegative().max(10_000_000);
const fieldKey = z.string().min(1).max(200);
const filePath = z.string().min(1, 'must not be empty').max(4_096);
const ids = z
  .array(positiveInt)
  .max(MAX_DELETE_IDS, `at most ${MAX_DELETE_IDS.toLocaleString('en')} IDs at once; split the list`);
const selectionName = z.string().trim().min(1, 'a name is required').max(200);

const criteria = z.strictObject({
  nameContains: z.string().max(200).optional(),
  ownerId: positiveInt.optional(),
  labelId: positiveInt.optional(),
  updatedSince: z.iso
    .datetime({ offset: true, error: 'must be a date and time such as 2026-01-31T00:00:00Z' })
    .optional(),
  filterId: positiveInt.optional(),
  field: z
    .strictObject({
      key: fieldKey,
      value: z.union([z.string().max(500), z.number(), z.boolean(), z.null()]),
    })
    .optional(),
});

const sessionRef = z.strictObject({ sessionId });

/** The schema of each delete/browse/selection call's argument. */
export const DELETE_SCHEMAS: {
  readonly [C in keyof DeleteChannels]: z.ZodType<InvokeArgs<C>>;
} = {
  'browse/open': z.strictObject({
    criteria,
    sort: z.strictObject({ key: fieldKey, direction: z.enum(['asc', 'desc']) }),
    columns: z.array(fieldKey).max(200),
    previousSessionId: sessionId.optional(),
  }),
  'browse/rows': z.strictObject({
    sessionId,
    offset: count,
    limit: z.number().int().min(1).max(1_000),
  }),
  'browse/advance': sessionRef,
  'browse/ids': z.strictObject({ sessionId, from: count.optional(), to: count.optional() }),
  'browse/close': sessionRef,
  'delete/parse-ids': z.strictObject({ text: z.string().max(2_000_000, 'the pasted text is too long') }),
  'delete/inspect-file': z.strictObject({ path: filePath, sheet: z.string().max(300).optional() }),
  'delete/read-file': z.strictObject({
    path: filePath,
    sheet: z.string().max(300).optional(),
    column: z.string().min(1).max(300).optional(),
  }),
  'delete/preview': z.strictObject({
    ids: ids.min(1, 'there are no IDs to preview'),
    skipOpenDeals: z.boolean(),
  }),
  'selection/list': z.undefined({ error: 'this call takes no arguments' }),
  'selection/save': z.strictObject({
    name: selectionName,
    ids: ids.min(1, 'an empty selection cannot be saved'),
    source: z.string().max(1_000).optional(),
  }),
  'selection/load': z.strictObject({ name: selectionName }),
  'selection/delete': z.strictObject({ name: selectionName }),
};
