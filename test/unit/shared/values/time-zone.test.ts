import { describe, expect, it } from 'vitest';
import { autoMap } from '../../../../shared/automap/index.ts';
import { exportHeaderTargets } from '../../../../shared/export/columns.ts';
import type { AssembleInput } from '../../../../shared/values/index.ts';
import { assembleWrite } from '../../../../shared/values/index.ts';
import { FIELDS, fieldNamed } from './fixtures.ts';
import { coerce, errorOf, target, valueOf } from './helpers.ts';

const key = (name: string): string => fieldNamed(name).key;
const cell = (name: string, value: unknown, part?: string): AssembleInput => ({
  target: target(name, part),
  value,
});
const skip = { emptyCells: 'skip' } as const;

describe('the time zone of a time field', () => {
  it('reads an IANA name in any case and spells it canonically', () => {
    expect(valueOf(coerce('europe/berlin', 'Call time', {}, {}, 'timezone'))).toBe('Europe/Berlin');
    expect(valueOf(coerce(' America/New_York ', 'Office hours', {}, {}, 'timezone'))).toBe(
      'America/New_York',
    );
  });

  it('refuses a name that is not a time zone, saying what would be accepted', () => {
    expect(errorOf(coerce('Europe/Londn', 'Call time', {}, {}, 'timezone'))).toBe(
      '"Europe/Londn" is not a time zone for "Call time" — use an IANA name such as Europe/Berlin or America/New_York',
    );
  });

  it('goes into the body beside the time, and only when filled', () => {
    const withZone = assembleWrite(
      [cell('Call time', '09:30:00'), cell('Call time', 'Europe/Tallinn', 'timezone')],
      FIELDS,
      skip,
    );
    expect(withZone.body.custom_fields).toEqual({
      [key('Call time')]: { value: '09:30:00', timezone_name: 'Europe/Tallinn' },
    });
    const range = assembleWrite(
      [
        cell('Office hours', '09:00:00'),
        cell('Office hours', '17:00:00', 'until'),
        cell('Office hours', 'Europe/Paris', 'timezone'),
      ],
      FIELDS,
      skip,
    );
    expect(range.body.custom_fields).toEqual({
      [key('Office hours')]: { value: '09:00:00', until: '17:00:00', timezone_name: 'Europe/Paris' },
    });
    const noZone = assembleWrite(
      [cell('Call time', '09:30:00'), cell('Call time', '', 'timezone')],
      FIELDS,
      skip,
    );
    expect(noZone.body.custom_fields).toEqual({ [key('Call time')]: { value: '09:30:00' } });
  });

  it('is an error on its own, without a time column', () => {
    const { errors } = assembleWrite([cell('Call time', 'Europe/Tallinn', 'timezone')], FIELDS, skip);
    expect(errors.map((e) => e.message)).toEqual([
      '"Call time": a time zone column is mapped but no time column',
    ]);
  });

  it('is exported in its own column, which maps back to the time zone by itself', () => {
    const headers = exportHeaderTargets(FIELDS);
    expect(headers.get('Call time time zone')).toEqual(target('Call time', 'timezone'));
    expect(headers.get('Office hours time zone')).toEqual(target('Office hours', 'timezone'));
    const mapped = autoMap(
      ['Company', 'Call time', 'Call time TZ'].map((header) => ({ header })),
      FIELDS,
    );
    expect(mapped.map((c) => c.target)).toEqual([
      target('Name'),
      target('Call time'),
      target('Call time', 'timezone'),
    ]);
  });
});
