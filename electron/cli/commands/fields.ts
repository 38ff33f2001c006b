import type { OrgField } from '../../../shared/model.ts';
import { parseFlags } from '../args.ts';
import { CONNECTION_HELP, CONNECTION_OPTIONS, openConnection } from '../connection.ts';
import { EXIT } from '../exit-codes.ts';
import type { Command } from './types.ts';

/** `orgport fields`: the organization fields of the connected company. */
export const fieldsCommand: Command = {
  name: 'fields',
  summary: 'list organization fields: key, name, type, options',
  usage: `Usage: orgport fields [--json] [connection]

Lists every organization field of the company (system and custom) with its key, which mapping
profiles and --fields use, its type and its options.

  --json               print the fields as JSON on stdout

${CONNECTION_HELP}

Example: orgport fields --sandbox`,
  async run(argv, io) {
    const { flags } = parseFlags(argv, { ...CONNECTION_OPTIONS, json: { type: 'boolean' } });
    const connection = await openConnection(flags, io.env);
    try {
      const fields = await connection.client.listOrganizationFields();
      io.out(flags.json === true ? JSON.stringify(fields, null, 2) + '\n' : formatFieldTable(fields));
      return EXIT.ok;
    } finally {
      await connection.close();
    }
  },
};

/** A plain-text table of fields, options listed under each option field. */
export function formatFieldTable(fields: ReadonlyArray<OrgField>): string {
  const keyWidth = Math.max(3, ...fields.map((f) => f.key.length));
  const nameWidth = Math.max(4, ...fields.map((f) => f.name.length));
  const lines = [`${'KEY'.padEnd(keyWidth)}  ${'NAME'.padEnd(nameWidth)}  TYPE`];
  for (const field of fields) {
    const notes = [field.custom ? 'custom' : 'system', field.writable ? '' : 'read-only'].filter(Boolean);
    lines.push(
      `${field.key.padEnd(keyWidth)}  ${field.name.padEnd(nameWidth)}  ${field.type} (${notes.join(', ')})`,
    );
    for (const option of field.options ?? []) {
      lines.push(`${''.padEnd(keyWidth)}  ${''.padEnd(nameWidth)}    ${option.id}: ${option.label}`);
    }
  }
  return lines.join('\n') + '\n';
}
