import { describe, expect, it } from 'vitest';
import { coerce, errorOf, valueOf } from './helpers.ts';

describe('owner and user fields', () => {
  it('finds users by id, email (any case) and name (case, space and accent insensitive)', () => {
    expect(valueOf(coerce(2, 'Owner'))).toBe(2);
    expect(valueOf(coerce('2', 'Owner'))).toBe(2);
    expect(valueOf(coerce('BOB@acme.COM', 'Owner'))).toBe(2);
    expect(valueOf(coerce('Bob Builder <bob@acme.com>', 'Owner'))).toBe(2);
    expect(valueOf(coerce('  alice   ADMIN ', 'Owner'))).toBe(1);
    expect(valueOf(coerce('emile zola', 'Account manager'))).toBe(7);
  });

  it('rejects deactivated and deleted users, saying why', () => {
    expect(errorOf(coerce('carol@acme.com', 'Owner'))).toBe(
      'Carol Old (carol@acme.com) is deactivated in Pipedrive — choose an active user for "Owner"',
    );
    expect(errorOf(coerce(4, 'Owner'))).toBe(
      'Dan Gone (dan@acme.com) is a deleted user — choose another user for "Owner"',
    );
  });

  it('lists the users an ambiguous name could mean', () => {
    expect(errorOf(coerce('John Smith', 'Owner'))).toBe(
      '"John Smith" is the name of 2 users (john.smith@acme.com, jsmith@other.com) — use the email instead',
    );
  });

  it('suggests a near name and lists the active users for unknown ones', () => {
    const result = coerce('Alise Admin', 'Owner');
    expect(result).toMatchObject({ kind: 'error', suggestion: 'Alice Admin' });
    expect(errorOf(result)).toBe(
      '"Alise Admin" is not a user of this company — did you mean "Alice Admin"? "Owner" accepts a user\'s email, ' +
        'name or ID. Users: Alice Admin, Bob Builder, John Smith, John  smith, Émile Zola',
    );
    expect(errorOf(coerce('nobody@acme.com', 'Owner'))).toMatch(
      /^"nobody@acme.com" is not a user of this company\./,
    );
    expect(errorOf(coerce(99, 'Owner'))).toMatch(/^"99" is not a user of this company\./);
  });
});

describe('record ids', () => {
  it('reads organization and person fields and the ID column as positive whole numbers', () => {
    expect(valueOf(coerce('42', 'Parent org'))).toBe(42);
    expect(valueOf(coerce(7, 'Main contact'))).toBe(7);
    expect(valueOf(coerce(' 1001 ', 'ID'))).toBe(1001);
    expect(errorOf(coerce('Acme', 'Parent org'))).toBe(
      '"Acme" is not an ID — "Parent org" needs a whole number such as 42',
    );
    expect(errorOf(coerce(1.5, 'ID'))).toBe('"1.5" is not an ID — "ID" needs a whole number such as 42');
    expect(errorOf(coerce(new Date(0), 'ID'))).toContain('is not an ID');
  });
});
