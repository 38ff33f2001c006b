import { describe, expect, it } from 'vitest';
import { DeleteSpecError, parseDeleteSpec } from '../../../electron/engine/jobs/delete/delete-spec.ts';
import { estimateDeleteCost } from '../../../electron/engine/delete/preview.ts';

describe('parseDeleteSpec', () => {
  it('accepts the confirmed list and fills defaults', () => {
    expect(parseDeleteSpec({ ids: [3, 1, 2], confirmedCount: 3 })).toEqual({
      ids: [3, 1, 2],
      confirmedCount: 3,
      skipOpenDeals: false,
      excluded: [],
    });
  });

  it('refuses a confirmation that is not the number of organizations to delete', () => {
    expect(() => parseDeleteSpec({ ids: [1, 2, 3], confirmedCount: 30 })).toThrow(DeleteSpecError);
    expect(() => parseDeleteSpec({ ids: [1, 2, 3], confirmedCount: 2 })).toThrow(
      'The delete cannot start: the confirmation says 2 but 3 organizations are to be deleted; nothing was deleted — check the list and confirm its number.',
    );
  });

  it('refuses repeated IDs, an empty list, relative or non-xlsx backup paths, and unknown settings', () => {
    expect(() => parseDeleteSpec({ ids: [1, 1], confirmedCount: 2 })).toThrow(/repeats an ID/);
    expect(() => parseDeleteSpec({ ids: [], confirmedCount: 0 })).toThrow(/nothing to delete/);
    expect(() => parseDeleteSpec({ ids: [1], confirmedCount: 1, backupPath: 'b.xlsx' })).toThrow(/absolute/);
    expect(() => parseDeleteSpec({ ids: [1], confirmedCount: 1, backupPath: '/tmp/b.csv' })).toThrow(
      /\.xlsx/,
    );
    expect(() => parseDeleteSpec({ ids: [1], confirmedCount: 1, everything: true })).toThrow(DeleteSpecError);
    expect(() =>
      parseDeleteSpec({ ids: [1], confirmedCount: 1, excluded: [{ id: 1, status: 'not-found' }] }),
    ).toThrow(/both to be deleted and left out/);
  });
});

describe('estimateDeleteCost', () => {
  it('prices v1 per 1,000, v2 per organization, and the reads of the checks and the backup', () => {
    // 2,500 organizations: 25 listings twice (check + backup), fields 10, users 20, account check 2.
    expect(estimateDeleteCost(2500)).toEqual({
      reads: 2 + 250 * 2 + 10 + 20,
      v1Bulk: 30,
      v2PerId: 7500,
      totalV1: 532 + 30,
      totalV2: 532 + 7500,
    });
    expect(estimateDeleteCost(0)).toEqual({ reads: 0, v1Bulk: 0, v2PerId: 0, totalV1: 0, totalV2: 0 });
  });
});
