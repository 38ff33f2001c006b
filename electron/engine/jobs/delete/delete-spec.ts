/**
 * What a delete job is asked to do, as stored in its `job.json`: the exact IDs the user confirmed
 * (the preview's `idsToDelete`), the typed confirmation, and what the report should say about the
 * IDs the preview left out. No credentials.
 */
import path from 'node:path';
import { z } from 'zod';

/** An ID the preview left out, carried into the report. */
export const excludedSchema = z
  .object({
    id: z.number().int().positive(),
    status: z.enum(['not-found', 'skip-open-deals']),
    name: z.string().nullable().optional(),
  })
  .strict();

/** A delete job's spec; see the field comments. */
export const deleteSpecSchema = z
  .object({
    /** Exactly the organizations to delete, as confirmed; nothing else is ever deleted. */
    ids: z.array(z.number().int().positive()).min(1, 'there is nothing to delete'),
    /** The number the user typed to confirm; must equal the number of IDs. */
    confirmedCount: z.number().int().nonnegative(),
    /** Leave out organizations that have open deals when the job runs (checked again then). */
    skipOpenDeals: z.boolean().default(false),
    /** Where the backup goes (absolute .xlsx path); default `<job folder>/reports/backup-<job id>.xlsx`. */
    backupPath: z
      .string()
      .refine((p) => path.isAbsolute(p), 'the backup path must be absolute')
      .refine(
        (p) => p.toLowerCase().endsWith('.xlsx'),
        'the backup is an Excel file: its name must end in .xlsx',
      )
      .optional(),
    /** IDs the preview found missing or skipped, for the report. */
    excluded: z.array(excludedSchema).default([]),
    /**
     * The company the preview was made against. The job checks it before deleting anything, so a job
     * resumed with another account's token cannot delete that account's organizations with these IDs.
     */
    account: z
      .object({ companyId: z.number().int(), companyName: z.string().optional() })
      .strict()
      .optional(),
    /** Where the IDs came from, in words ("--ids", "orgs.xlsx, column ID"), for the report. */
    source: z.string().optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (new Set(spec.ids).size !== spec.ids.length) {
      ctx.addIssue({ code: 'custom', path: ['ids'], message: 'the list of IDs repeats an ID' });
    }
    if (spec.confirmedCount !== spec.ids.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['confirmedCount'],
        message:
          `the confirmation says ${spec.confirmedCount} but ${spec.ids.length} organization` +
          `${spec.ids.length === 1 ? ' is' : 's are'} to be deleted; nothing was deleted — check the list and confirm its number`,
      });
    }
    const listed = new Set(spec.ids);
    if (spec.excluded.some((e) => listed.has(e.id))) {
      ctx.addIssue({
        code: 'custom',
        path: ['excluded'],
        message: 'an ID is both to be deleted and left out',
      });
    }
  });

/** A checked delete spec. */
export type DeleteSpec = z.infer<typeof deleteSpecSchema>;

/** What callers pass in (defaults may be left out). */
export type DeleteSpecInput = z.input<typeof deleteSpecSchema>;

/** The spec is not valid (a wrong confirmation, a repeated ID…); nothing was started. */
export class DeleteSpecError extends Error {
  override readonly name = 'DeleteSpecError';
}

/** Checks a delete spec, with a message naming each problem. */
export function parseDeleteSpec(raw: unknown): DeleteSpec {
  const result = deleteSpecSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const where = issue.path.length > 0 && issue.code !== 'custom' ? `${issue.path.join('.')}: ` : '';
    return `${where}${issue.message}`;
  });
  throw new DeleteSpecError(`The delete cannot start: ${problems.join('; ')}.`);
}
