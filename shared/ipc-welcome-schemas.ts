/**
 * Runtime checks for the calls of `ipc-welcome.ts`, merged into `INVOKE_SCHEMAS` so both transports
 * reject a malformed call before any handler sees it.
 */
import { z } from 'zod';
import type { InvokeArgs } from './ipc.ts';
import type { WelcomeChannels } from './ipc-welcome.ts';

/** The schema of each welcome call's argument. */
export const WELCOME_SCHEMAS: { readonly [C in keyof WelcomeChannels]: z.ZodType<InvokeArgs<C>> } = {
  'welcome/state': z.undefined({ error: 'this call takes no arguments' }),
  'welcome/show-on-start': z.strictObject({ show: z.boolean() }),
};
