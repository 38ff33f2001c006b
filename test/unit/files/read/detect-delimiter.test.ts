import { describe, expect, it } from 'vitest';
import {
  checkDelimiterOption,
  detectDelimiter,
  readSepLine,
} from '../../../../electron/engine/files/read/detect-delimiter.ts';

describe('detectDelimiter', () => {
  it.each([
    ['comma', 'Name,City,Phone\nAcme,Berlin,1\nBeta,Köln,2\n', ','],
    ['semicolon with decimal commas', 'Name;Revenue;Rate\nAcme;1,5;2,25\nBeta;2;3,5\n', ';'],
    ['tab', 'Name\tCity\nAcme\tBerlin\nBeta\tKöln\n', '\t'],
    ['pipe', 'Name|City\nAcme, Inc|Berlin\nBeta|Köln\n', '|'],
    ['delimiters inside quotes do not count', '"a;b;c",x\n"d;e;f",y\n"g;h;i",z\n', ','],
    ['quoted line breaks do not split records', 'Name;Notes\n"Acme";"one,\ntwo,\nthree"\nBeta;x\n', ';'],
    [
      'a title row does not spoil it',
      'Export of 12 March\nName;City;Phone\nAcme;Berlin;1\nBeta;Köln;2\n',
      ';',
    ],
    ['CRLF line ends', 'Name;City\r\nAcme;Berlin\r\n', ';'],
    ['a single column falls back to comma', 'Name\nAcme\nBeta\n', ','],
  ])('%s', (_name, text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });

  it('prefers a tab for a .tsv when it fits as well as another', () => {
    expect(detectDelimiter('a\tb,c\n1\t2,3\n', '.tsv')).toBe('\t');
    expect(detectDelimiter('a\tb,c\n1\t2,3\n', '.csv')).toBe(',');
  });
});

describe('delimiter helpers', () => {
  it('reads an Excel sep= line', () => {
    expect(readSepLine('sep=;\r\nName;City\r\n')).toBe(';');
    expect(readSepLine('SEP=|\nName|City\n')).toBe('|');
    expect(readSepLine('Name;City\n')).toBeUndefined();
  });

  it('accepts one character, or "tab"', () => {
    expect(checkDelimiterOption('/x/a.csv', ';')).toBe(';');
    expect(checkDelimiterOption('/x/a.csv', 'tab')).toBe('\t');
    expect(checkDelimiterOption('/x/a.csv', '\\t')).toBe('\t');
    expect(() => checkDelimiterOption('/x/a.csv', ';;')).toThrow(/cannot separate the fields of "a.csv"/);
    expect(() => checkDelimiterOption('/x/a.csv', '"')).toThrow(/cannot separate/);
  });
});
