/** The checks made at the edge on every about call (`ipc-about.ts`), merged into `ipc-schemas.ts`. */
import { z } from 'zod';

/** The argument schema of each about channel. */
export const ABOUT_SCHEMAS = {
  'about/info': z.undefined({ error: 'this call takes no arguments' }),
} as const;
