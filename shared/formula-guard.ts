/**
 * The CSV formula guard (design.md, "Values"). A spreadsheet opening a CSV runs any text cell that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula, even after leading
 * whitespace (spaces, tabs, CR/LF, no-break and ideographic spaces). East Asian Excel versions also
 * take the full-width forms `＝`, `＋`, `－`, `＠` (what an IME types) as the start of a formula, so they
 * trigger the guard too. Our CSV export therefore prefixes such text with an apostrophe, and our
 * import removes exactly that prefix again, so export → import stays lossless.
 *
 * To keep the pair an exact inverse, the guard is also added to text that already *looks* guarded
 * (one or more apostrophes, optional whitespace, then a trigger character): `'=x` is written as
 * `''=x` and read back as `'=x`. The ambiguity we accept: a hand-typed cell `'=x` in a CSV that did
 * not come from Orgport is read as `=x` (the apostrophe is taken for our guard). Text starting with an
 * apostrophe that is *not* followed by a trigger (`'90s`) is never touched in either direction.
 */

/** Characters that make a spreadsheet treat a text cell as a formula (ASCII and full-width forms). */
const TRIGGER = '[=+\\-@\\t\\r\\uFF1D\\uFF0B\\uFF0D\\uFF20]';

/** Text a spreadsheet would run: optional leading whitespace, then a trigger character. */
const NEEDS_GUARD = new RegExp(`^'*\\s*${TRIGGER}`);

/** Text carrying our guard: an apostrophe, then whatever needed guarding. */
const GUARDED = new RegExp(`^'(?='*\\s*${TRIGGER})`);

/** Prefixes a CSV text cell with `'` when a spreadsheet would otherwise run it as a formula. */
export function guardFormula(text: string): string {
  return NEEDS_GUARD.test(text) ? `'${text}` : text;
}

/** Removes the guard {@link guardFormula} adds; any other text is returned unchanged. */
export function unguardFormula(text: string): string {
  return GUARDED.test(text) ? text.slice(1) : text;
}
