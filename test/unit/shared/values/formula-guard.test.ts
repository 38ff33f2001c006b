import { describe, expect, it } from 'vitest';
import { guardFormula, unguardFormula } from '../../../../shared/formula-guard.ts';

describe('guardFormula', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+372 555 1234', "'+372 555 1234"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['  =1+1', "'  =1+1"],
    ['\n=HYPERLINK("x")', '\'\n=HYPERLINK("x")'],
  ])('guards %j', (text, guarded) => {
    expect(guardFormula(text)).toBe(guarded);
  });

  it.each(['Acme', '', ' spaced', "'90s revival", "O'Brien", '1+1', 'a=b', '€5'])(
    'leaves %j alone',
    (text) => {
      expect(guardFormula(text)).toBe(text);
    },
  );

  it('guards text that already looks guarded, so unguarding gives it back', () => {
    expect(guardFormula("'=x")).toBe("''=x");
    expect(guardFormula("''  -x")).toBe("'''  -x");
  });
});

describe('unguardFormula', () => {
  it.each([
    ["'=1+1", '=1+1'],
    ["'  =1+1", '  =1+1'],
    ["'-5", '-5'],
    ["''=x", "'=x"],
  ])('removes the guard from %j', (guarded, text) => {
    expect(unguardFormula(guarded)).toBe(text);
  });

  it.each(["'90s revival", "'", "''", 'plain', "O'Brien", "' hello"])('leaves %j alone', (text) => {
    expect(unguardFormula(text)).toBe(text);
  });

  it('is the exact inverse of guardFormula for every prefix combination', () => {
    const pieces = ["'", ' ', '\t', '\r', '\n', '=', '+', '-', '@', 'a', '1'];
    const texts: string[] = [''];
    for (let round = 0; round < 4; round += 1) {
      for (const t of [...texts]) for (const p of pieces) texts.push(t + p);
    }
    for (const text of texts) expect(unguardFormula(guardFormula(text))).toBe(text);
    expect(texts.length).toBeGreaterThan(10_000);
  });
});
