import { z } from 'zod';

/** What an export job is asked to do; stored in the job folder (no credentials). */
export const exportSpecSchema = z
  .object({
    /** Absolute path of the file to write; nothing appears there until the export has finished. */
    out: z.string().min(1, 'choose a file to export to'),
    format: z.enum(['xlsx', 'csv']),
    delimiter: z.enum([',', ';', '\t']).optional(),
    /** Field keys to export (ID always first); all fields when absent. */
    fields: z.array(z.string().min(1)).optional(),
    filterId: z.number().int().positive().optional(),
    ownerId: z.number().int().positive().optional(),
    /** Exactly these organizations (the bulk delete's backup). */
    ids: z.array(z.number().int().positive()).optional(),
    updatedSince: z.iso.datetime({ offset: true }).optional(),
    updatedUntil: z.iso.datetime({ offset: true }).optional(),
    sortBy: z.enum(['id', 'update_time', 'add_time']).optional(),
    sortDirection: z.enum(['asc', 'desc']).optional(),
  })
  .strict()
  .refine((spec) => spec.filterId === undefined || (spec.ownerId === undefined && spec.ids === undefined), {
    message: 'a saved filter cannot be combined with an owner or a list of IDs (Pipedrive ignores them then)',
  });

/** A checked export spec. */
export type ExportSpec = z.infer<typeof exportSpecSchema>;

/** Checks an export spec, with a message that names each wrong property. */
export function parseExportSpec(raw: unknown): ExportSpec {
  const result = exportSpecSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return `${where}${issue.message}`;
  });
  throw new Error(`The export settings are not valid: ${problems.join('; ')}`);
}

/** The format a file name implies, if any. */
export function formatFromPath(file: string): 'xlsx' | 'csv' | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.csv') || lower.endsWith('.tsv') || lower.endsWith('.txt')) return 'csv';
  return undefined;
}
