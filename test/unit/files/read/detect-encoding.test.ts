import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  bomLength,
  checkEncodingOption,
  detectEncoding,
  looksBinary,
} from '../../../../electron/engine/files/read/detect-encoding.ts';
import { FileReadError } from '../../../../electron/engine/files/read/errors.ts';

const detect = (bytes: Buffer, complete = true): ReturnType<typeof detectEncoding> =>
  detectEncoding('/x/orgs.csv', bytes, complete);

describe('detectEncoding', () => {
  it('reads byte-order marks', () => {
    expect(detect(Buffer.from('\uFEFFName\n', 'utf8'))).toEqual({
      name: 'utf-8',
      bomBytes: 3,
      source: 'bom',
    });
    expect(detect(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Name\n', 'utf16le')]))).toEqual({
      name: 'utf-16le',
      bomBytes: 2,
      source: 'bom',
    });
    expect(detect(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode('Name\n', 'utf-16be')])).name).toBe(
      'utf-16be',
    );
  });

  it('recognises UTF-16 without a BOM by its NUL pattern', () => {
    expect(detect(Buffer.from('Name,City\nAcme,Berlin\n', 'utf16le'))).toEqual({
      name: 'utf-16le',
      bomBytes: 0,
      source: 'utf16-pattern',
    });
    expect(detect(iconv.encode('Name,City\nAcme,Berlin\n', 'utf-16be')).name).toBe('utf-16be');
  });

  it('prefers UTF-8 whenever the bytes are valid UTF-8, even for a short file', () => {
    expect(detect(Buffer.from('Name\nMüller', 'utf8'))).toEqual({
      name: 'utf-8',
      bomBytes: 0,
      source: 'utf8-check',
    });
    expect(detect(Buffer.from('plain ascii', 'utf8')).name).toBe('utf-8');
  });

  it('does not hold a character cut at the end of a partial head against UTF-8', () => {
    const bytes = Buffer.from('Name\nMüller €', 'utf8');
    const cut = bytes.subarray(0, bytes.length - 1); // half of the euro sign
    expect(detect(cut, false).name).toBe('utf-8');
    expect(detect(cut, true).name).not.toBe('utf-8');
  });

  it('detects Windows-1252 and Windows-1251 in short files', () => {
    expect(
      detect(iconv.encode('Name;City\r\nSociété Générale;Paris\r\nMüller GmbH;Köln\r\n', 'windows-1252'))
        .name,
    ).toBe('windows-1252');
    expect(
      detect(iconv.encode('Название,Город\r\nООО Ромашка,Москва\r\nАО Берёзка,Тула\r\n', 'windows-1251'))
        .name,
    ).toBe('windows-1251');
  });

  it('calls text with NUL bytes binary', () => {
    expect(() => detect(Buffer.from([0x41, 0x00, 0x00, 0x00, 0x42, 0x43, 0x00, 0x01, 0x02]))).toThrow(
      FileReadError,
    );
  });
});

describe('encoding helpers', () => {
  it('checks an encoding option and normalises its name', () => {
    expect(checkEncodingOption('/x/a.csv', 'UTF8')).toBe('utf-8');
    expect(checkEncodingOption('/x/a.csv', ' Windows-1252 ')).toBe('windows-1252');
    expect(() => checkEncodingOption('/x/a.csv', 'martian')).toThrow(/"martian" is not a text encoding/);
  });

  it('measures a BOM whatever the chosen encoding', () => {
    expect(bomLength(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toBe(3);
    expect(bomLength(Buffer.from('A'))).toBe(0);
  });

  it('calls text with many control characters binary', () => {
    expect(looksBinary('Name,City\r\nAcme,Berlin\t\f')).toBe(false);
    expect(looksBinary('\u0001\u0002\u0003abc\u0004')).toBe(true);
  });
});
