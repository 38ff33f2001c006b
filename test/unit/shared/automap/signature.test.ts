import { describe, expect, it } from 'vitest';
import {
  autoMap,
  createMappingMemory,
  headerSignature,
  toRememberedMapping,
} from '../../../../shared/automap/index.ts';
import { formatTarget } from '../../../../shared/mapping.ts';
import { FIELDS, KEYS } from './fields.ts';

describe('headerSignature', () => {
  it('ignores order, case, spacing and BOM leftovers', () => {
    const a = headerSignature(['Company', 'City', 'Postal code']);
    expect(headerSignature(['postal_code', '\uFEFFcity ', 'COMPANY'])).toBe(a);
  });

  it('differs for other headers and for a repeated header', () => {
    const a = headerSignature(['Company', 'City']);
    expect(headerSignature(['Company', 'Town'])).not.toBe(a);
    expect(headerSignature(['Company', 'City', 'City'])).not.toBe(a);
    expect(headerSignature(['Company'])).not.toBe(headerSignature(['Company', '']));
  });
});

describe('MappingMemory', () => {
  it('offers a remembered mapping again for a file with the same headers', () => {
    const memory = createMappingMemory();
    const headers = ['Kürzel', 'Firma'];
    const first = autoMap(
      headers.map((header) => ({ header })),
      FIELDS,
    );
    // The user fixes the unknown column, then the mapping is remembered.
    const fixed = first.map((c) =>
      c.column === 'Kürzel' ? { ...c, target: { kind: 'field' as const, key: KEYS.vat } } : c,
    );
    memory.remember(headers, toRememberedMapping(fixed));

    const previous = memory.recall(['firma', 'Kürzel']);
    expect(previous).toEqual({ Kürzel: KEYS.vat, Firma: 'name' });
    const again = autoMap([{ header: 'Firma' }, { header: 'Kürzel' }], FIELDS, previous ? { previous } : {});
    expect(again.map((c) => (c.target ? formatTarget(c.target) : null))).toEqual(['name', KEYS.vat]);
    expect(again.every((c) => c.method === 'previous')).toBe(true);
    expect(memory.recall(['Something else'])).toBeUndefined();
  });

  it('survives a round trip through its JSON and forgets the least recently used beyond its limit', () => {
    const memory = createMappingMemory({}, 2);
    memory.remember(['A'], { A: 'name' });
    memory.remember(['B'], { B: 'name' });
    memory.recall(['A']);
    memory.remember(['C'], { C: null });
    const restored = createMappingMemory(JSON.parse(JSON.stringify(memory.toJSON())), 2);
    expect(restored.recall(['A'])).toEqual({ A: 'name' });
    expect(restored.recall(['B'])).toBeUndefined();
    expect(restored.recall(['C'])).toEqual({ C: null });
  });
});
