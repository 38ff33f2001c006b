/**
 * Users (the owner and custom user fields) by ID, email or name, and plain record IDs (organization
 * and person fields, the Pipedrive ID column).
 */
import type { OrgField, PipedriveUser } from '../model.ts';
import type { UserIndex } from './context.ts';
import { closestLabel } from './options.ts';
import { listAccepted, looseKey, quote } from './text.ts';
import type { CoerceResult } from './types.ts';

/** `Jane Doe <jane@acme.com>` as mail programs write it. */
const NAMED_EMAIL = /^(.*?)<\s*([^<>\s]+@[^<>\s]+)\s*>$/;
const ID_TEXT = /^#?(\d+)(?:\s*\(.*\))?$/;

function describeUser(user: PipedriveUser): string {
  return `${user.name} (${user.email})`;
}

function checkActive(user: PipedriveUser, field: OrgField): CoerceResult {
  if (user.is_deleted) {
    return {
      kind: 'error',
      message: `${describeUser(user)} is a deleted user — choose another user for "${field.name}"`,
    };
  }
  if (!user.active_flag) {
    return {
      kind: 'error',
      message: `${describeUser(user)} is deactivated in Pipedrive — choose an active user for "${field.name}"`,
    };
  }
  return { kind: 'value', value: user.id };
}

function activeNames(index: UserIndex): string[] {
  return index.users.filter((u) => u.active_flag && !u.is_deleted).map((u) => u.name);
}

function notFound(text: string, what: string, field: OrgField, index: UserIndex): CoerceResult {
  const names = activeNames(index);
  const accepted = listAccepted(names);
  const suggestion = what === 'name' ? closestLabel(names, text) : null;
  const hint = suggestion ? ` — did you mean "${suggestion}"?` : '.';
  const result = {
    kind: 'error' as const,
    message: `${quote(text)} is not a user of this company${hint} "${field.name}" accepts a user's email, name or ID. Users: ${accepted}`,
    accepted,
  };
  return suggestion ? { ...result, suggestion } : result;
}

/** Reads a user cell: a user ID, an email (any case, also `Name <email>`), or a unique name. */
export function coerceUser(cell: string | number, field: OrgField, index: UserIndex): CoerceResult {
  const text = String(cell).trim();
  const id = typeof cell === 'number' ? cell : ID_TEXT.exec(text) ? Number(ID_TEXT.exec(text)?.[1]) : null;
  if (id !== null) {
    const user = index.byId.get(id);
    return user ? checkActive(user, field) : notFound(text, 'id', field, index);
  }
  const named = NAMED_EMAIL.exec(text);
  const email = named ? (named[2] ?? '') : text.includes('@') ? text : null;
  if (email !== null) {
    const user = index.byEmail.get(email.toLowerCase());
    return user ? checkActive(user, field) : notFound(text, 'email', field, index);
  }
  const matches = index.byName.get(looseKey(text)) ?? [];
  if (matches.length === 1 && matches[0]) return checkActive(matches[0], field);
  if (matches.length > 1) {
    return {
      kind: 'error',
      message: `${quote(text)} is the name of ${matches.length} users (${matches.map((u) => u.email).join(', ')}) — use the email instead`,
    };
  }
  return notFound(text, 'name', field, index);
}

/** Reads a record ID (organization, person, or the Pipedrive ID column): a positive whole number. */
export function coerceId(cell: string | number, label: string): CoerceResult {
  const text = String(cell).trim();
  const n = typeof cell === 'number' ? cell : ID_TEXT.test(text) ? Number(ID_TEXT.exec(text)?.[1]) : NaN;
  if (Number.isSafeInteger(n) && n > 0) return { kind: 'value', value: n };
  return {
    kind: 'error',
    message: `${quote(text)} is not an ID — "${label}" needs a whole number such as 42`,
  };
}
