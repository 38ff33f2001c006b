import { describe, expect, it } from 'vitest';
import { editDistance } from '../../../../shared/automap/edit-distance.ts';
import {
  cleanHeader,
  compact,
  headerHints,
  withoutEntityPrefix,
  withoutQualifiers,
} from '../../../../shared/automap/normalize.ts';

describe('cleanHeader', () => {
  it('removes BOMs (also mis-decoded), zero-width and non-breaking spaces, quotes and extra spaces', () => {
    expect(cleanHeader('\uFEFF Name ')).toBe('Name');
    expect(cleanHeader('ï»¿Name')).toBe('Name');
    expect(cleanHeader('Visible\u00A0\u200Bto')).toBe('Visible to');
    expect(cleanHeader('"Annual   revenue"')).toBe('Annual revenue');
    expect(cleanHeader('Post\ncode')).toBe('Post code');
  });
});

describe('compact', () => {
  it('makes spelling variants of one header equal', () => {
    const variants = [
      'Postal code',
      'postal_code',
      'PostalCode',
      'POSTAL-CODE',
      ' Postal  code. ',
      'postal code',
    ];
    expect(new Set(variants.map(compact))).toEqual(new Set(['postalcode']));
  });

  it('folds accents and special letters, reads # as number and & as and', () => {
    expect(compact('Société')).toBe('societe');
    expect(compact('Straße')).toBe('strasse');
    expect(compact('Företag')).toBe('foretag');
    expect(compact('# of employees')).toBe(compact('Number of employees'));
    expect(compact('R&D')).toBe('randd');
  });

  it('keeps letters of every script and folds full-width forms', () => {
    expect(compact('会社名')).toBe('会社名');
    expect(compact('Название компании')).toBe('названиекомпании');
    expect(compact('ＵＲＬ')).toBe('url');
  });
});

describe('headerHints', () => {
  it('splits off "(custom)", key-like brackets, duplicate numbers and required markers', () => {
    expect(headerHints('Website (custom)')).toMatchObject({ base: 'Website', custom: true, bracketed: null });
    expect(headerHints('Region (a1b2c3)')).toMatchObject({ base: 'Region', bracketed: 'a1b2c3' });
    expect(headerHints('Name (2)')).toMatchObject({ base: 'Name', duplicate: true });
    expect(headerHints('Name.1')).toMatchObject({ base: 'Name', duplicate: true });
    expect(headerHints('Name *')).toMatchObject({ base: 'Name', decorated: true });
    expect(headerHints('Address line 2')).toMatchObject({ base: 'Address line 2', duplicate: false });
  });
});

describe('qualifiers and entity prefixes', () => {
  it('drops words that only say whose value it is', () => {
    expect(withoutQualifiers('Billing City')).toBe('city');
    expect(withoutQualifiers('Company website')).toBe('website');
    expect(withoutQualifiers('Nom de la société')).toBe('nom');
    expect(withoutQualifiers('City')).toBeNull();
    expect(withoutQualifiers('Company')).toBeNull();
  });

  it("drops another CRM's entity prefix", () => {
    expect(withoutEntityPrefix('Organization - Name')).toBe('Name');
    expect(withoutEntityPrefix('Organisation: Owner')).toBe('Owner');
    expect(withoutEntityPrefix('Company name')).toBeNull();
  });
});

describe('editDistance', () => {
  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('webiste', 'website')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});
