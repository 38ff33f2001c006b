/**
 * What a column's sample values look like. Auto-mapping uses it only to break ties and to refuse
 * impossible matches (an ID column of words); converting values is the job of `shared/values`.
 */

/** Shares (0..1) of the non-empty samples that look like each kind of value. */
export interface SampleProfile {
  /** Non-empty samples seen. */
  readonly count: number;
  readonly emails: number;
  /** Positive whole numbers (as numbers or digit strings): what a Pipedrive ID looks like. */
  readonly ids: number;
  /** Numbers in any common notation ("1 234,56", "$1,234", "12%"). */
  readonly numbers: number;
  readonly urls: number;
  /** A whole postal address in one cell ("Hauptstr. 5, 10115 Berlin"). */
  readonly addresses: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/u;
const ID = /^\d{1,12}$/u;
const NUMBER = /^[-+]?\s*[$€£¥₽]?\s*[-+]?\d[\d\s.,'’]*\s*(?:%|[A-Z]{3}|[$€£¥₽]|k|m|bn)?$/iu;
const URL = /^(?:https?:\/\/|www\.)\S+$|^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:\/\S*)?$/iu;

/** Reads a column's samples; cells may be strings, numbers, dates, booleans or empty. */
export function profileSamples(samples: ReadonlyArray<unknown> | undefined): SampleProfile {
  let count = 0;
  let emails = 0;
  let ids = 0;
  let numbers = 0;
  let urls = 0;
  let addresses = 0;
  for (const sample of samples ?? []) {
    if (sample === null || sample === undefined) continue;
    if (typeof sample === 'number') {
      if (!Number.isFinite(sample)) continue;
      count += 1;
      numbers += 1;
      if (Number.isInteger(sample) && sample > 0) ids += 1;
      continue;
    }
    if (typeof sample !== 'string') {
      // Dates and booleans count as present but as none of the kinds above.
      count += 1;
      continue;
    }
    const text = sample.trim();
    if (text === '') continue;
    count += 1;
    if (EMAIL.test(text)) emails += 1;
    if (ID.test(text) && Number(text) > 0) ids += 1;
    if (NUMBER.test(text)) numbers += 1;
    if (URL.test(text) && !EMAIL.test(text)) urls += 1;
    if (looksLikeAddress(text)) addresses += 1;
  }
  const share = (n: number): number => (count === 0 ? 0 : n / count);
  return {
    count,
    emails: share(emails),
    ids: share(ids),
    numbers: share(numbers),
    urls: share(urls),
    addresses: share(addresses),
  };
}

/** Several comma- or line-separated parts, with a number and letters: more than a street line. */
function looksLikeAddress(text: string): boolean {
  // The cheap tests first: most samples have no digit, or no two letters in a row.
  if (!/\d/u.test(text) || !/\p{L}{2}/u.test(text)) return false;
  return text.split(/[,\n]/u).filter((part) => part.trim() !== '').length >= 2;
}

/** True when most samples are of the given kind; false when there are no samples to judge by. */
export function mostly(share: number, profile: SampleProfile): boolean {
  return profile.count > 0 && share >= 0.8;
}
