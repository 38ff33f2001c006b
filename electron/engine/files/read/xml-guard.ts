/**
 * A depth limit for the XML parts of a workbook. exceljs's XML parser keeps an object per open element,
 * so a few kilobytes of packed `<x><x><x>…` nesting would cost it hundreds of megabytes and seconds;
 * real spreadsheet XML is under a dozen levels deep. The guard passes the bytes through unchanged and
 * fails the stream, with the reader's `corrupt-xlsx` message, past {@link MAX_XML_DEPTH} levels.
 */
import { Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { corrupt } from './xlsx-zip.ts';

/** Deepest element nesting accepted (worksheet › sheetData › row › c › is › r › t is 7). */
export const MAX_XML_DEPTH = 100;
/** Longest single tag accepted (attributes included): real ones are under a few hundred characters. */
const MAX_TAG_CHARS = 1024 * 1024;
/** The rest of a start tag up to its `>`, quoted attribute values (which may hold `>`) skipped; linear. */
const TAG_REST = /[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>/y;
/** Longest markup opener whose kind must be known before deciding (`<![CDATA[`). */
const OPENER_CHARS = 9;

/** A pass-through transform that fails once `part` nests elements deeper than `maxDepth`. */
export function xmlDepthGuard(filePath: string, part: string, maxDepth = MAX_XML_DEPTH): Transform {
  const decoder = new StringDecoder('utf8');
  let depth = 0;
  let carry = '';
  let skipUntil: string | null = null;

  const scan = (chunk: string): Error | undefined => {
    const text = carry + chunk;
    carry = '';
    let i = 0;
    for (;;) {
      if (skipUntil !== null) {
        // Inside a comment, CDATA section or processing instruction: markup there does not nest.
        const end = text.indexOf(skipUntil, i);
        if (end < 0) {
          carry = text.slice(Math.max(i, text.length - skipUntil.length + 1));
          return undefined;
        }
        i = end + skipUntil.length;
        skipUntil = null;
        continue;
      }
      const lt = text.indexOf('<', i);
      if (lt < 0) return undefined;
      const next = text.charCodeAt(lt + 1);
      // Too little text to tell a comment from CDATA (or anything from "<"): wait for the next chunk.
      if (Number.isNaN(next) || (next === 0x21 && text.length - lt < OPENER_CHARS)) {
        carry = text.slice(lt);
        return undefined;
      }
      if (next === 0x2f /* / */) {
        depth--;
        i = lt + 2;
      } else if (next === 0x21 /* ! */) {
        const cdata = text.startsWith('<![CDATA[', lt);
        skipUntil = text.startsWith('<!--', lt) ? '-->' : cdata ? ']]>' : '>';
        i = lt + (cdata ? 9 : 2);
      } else if (next === 0x3f /* ? */) {
        skipUntil = '?>';
        i = lt + 2;
      } else {
        TAG_REST.lastIndex = lt + 1;
        if (!TAG_REST.test(text)) {
          if (text.length - lt > MAX_TAG_CHARS)
            return corrupt(filePath, `${part} has a tag longer than ${MAX_TAG_CHARS} characters`);
          carry = text.slice(lt); // the tag continues in the next chunk
          return undefined;
        }
        i = TAG_REST.lastIndex;
        if (text.charCodeAt(i - 2) !== 0x2f /* not "/>" */ && ++depth > maxDepth) {
          return corrupt(filePath, `${part} nests its elements more than ${maxDepth} levels deep`);
        }
      }
    }
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const error = scan(decoder.write(chunk));
      if (error) callback(error);
      else callback(null, chunk);
    },
  });
}
