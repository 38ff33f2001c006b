/** The demo account's fields and users (the sandbox's), for tests that convert rows without HTTP. */
import type { OrgField } from '../../../shared/model.ts';
import { startSandbox } from '../../../electron/engine/sandbox/index.ts';
import type { ImportCatalog } from '../../../electron/engine/import/index.ts';

/** Fields and users of a seeded sandbox account. */
export async function demoCatalog(seed = 1): Promise<ImportCatalog> {
  const sandbox = await startSandbox({ organizations: 0, seed });
  try {
    return { fields: sandbox.control.fields(), users: sandbox.control.users() };
  } finally {
    await sandbox.close();
  }
}

/** The key of the custom field called `name`. */
export function customKey(fields: ReadonlyArray<OrgField>, name: string): string {
  const field = fields.find((f) => f.custom && f.name === name);
  if (!field) throw new Error(`no custom field ${name}`);
  return field.key;
}
