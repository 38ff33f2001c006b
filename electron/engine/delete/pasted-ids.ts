/**
 * IDs pasted into a box or given as `--ids`: separated by commas, semicolons, spaces or line breaks,
 * each one a number, `#123` or an organization link. A token that is not an ID is reported with its
 * place in the text so the user can fix it; it is never dropped quietly, because "delete these 40"
 * silently becoming "delete these 39" is exactly the surprise a delete tool must not spring.
 */
import { dedupeIds, parseIdText } from './id-token.ts';

/** A token of pasted text that is not an organization ID. */
export interface IdJunk {
  readonly token: string;
  /** 1-based position among the tokens (the 3rd thing typed). */
  readonly index: number;
  /** 1-based line and column of the token's first character. */
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

/** What pasted text holds. */
export interface PastedIds {
  /** Distinct IDs in the order first given. */
  readonly ids: number[];
  /** Repeats dropped from `ids`. */
  readonly duplicates: number;
  readonly duplicateIds: number[];
  readonly junk: IdJunk[];
  /** Tokens read, junk and repeats included. */
  readonly tokens: number;
}

const TOKEN = /[^\s,;]+/g;

/** Splits pasted text into IDs, counting repeats and reporting anything that is not an ID. */
export function parsePastedIds(text: string): PastedIds {
  const found: number[] = [];
  const junk: IdJunk[] = [];
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  let index = 0;
  for (const match of text.matchAll(TOKEN)) {
    index += 1;
    const result = parseIdText(match[0]);
    if (result.ok) {
      found.push(result.id);
      continue;
    }
    const offset = match.index;
    let line = 1;
    while (line < lineStarts.length && (lineStarts[line] ?? Infinity) <= offset) line += 1;
    junk.push({
      token: match[0],
      index,
      line,
      column: offset - (lineStarts[line - 1] ?? 0) + 1,
      reason: result.reason,
    });
  }
  const { ids, duplicates, duplicateIds } = dedupeIds(found);
  return { ids, duplicates, duplicateIds, junk, tokens: index };
}

/** One line per junk token, for a message: `"abc" (line 2, column 5): not an organization ID …`. */
export function describeJunk(junk: ReadonlyArray<IdJunk>, limit = 10): string[] {
  const lines = junk
    .slice(0, limit)
    .map((j) => `"${j.token}" (item ${j.index}, line ${j.line}, column ${j.column}): ${j.reason}`);
  if (junk.length > limit) lines.push(`…and ${junk.length - limit} more`);
  return lines;
}
