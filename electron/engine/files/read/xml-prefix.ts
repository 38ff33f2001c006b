/**
 * Some generators (the .NET Open XML SDK among them) write spreadsheet XML with a namespace prefix on
 * every element: `<x:row>`, `<x:c>`. exceljs compares element names literally and would see no rows
 * at all, so the prefix of the main namespace is removed on the way in.
 */
import { Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

const ROOTS = /<([A-Za-z_][\w.-]*):(worksheet|sst|styleSheet|workbook)\b/;

/** True when the start of a part shows a prefixed root element (the transform is needed). */
export function hasRootPrefix(head: string): boolean {
  return ROOTS.test(head);
}

/**
 * A transform that finds the root element's prefix in the first characters and strips it from every
 * tag; text passes through unchanged when the root has no prefix.
 */
export function stripRootPrefix(): Transform {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let pattern: RegExp | null | undefined; // undefined: not decided yet; null: no prefix
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      pending += decoder.write(chunk);
      if (pattern === undefined) {
        const root = ROOTS.exec(pending);
        if (!root && pending.length < 4096) return callback(); // the root tag is not complete yet
        pattern = root ? new RegExp(`<(/?)${root[1]}:`, 'g') : null;
      }
      // Cut before the last '<' so that no tag is split between two replacements.
      const cut = pattern ? pending.lastIndexOf('<') : pending.length;
      const ready = cut > 0 ? pending.slice(0, cut) : '';
      pending = cut > 0 ? pending.slice(cut) : pending;
      callback(null, pattern ? ready.replace(pattern, '<$1') : ready);
    },
    flush(callback) {
      pending += decoder.end();
      if (pattern === undefined) {
        const root = ROOTS.exec(pending);
        pattern = root ? new RegExp(`<(/?)${root[1]}:`, 'g') : null;
      }
      callback(null, pattern ? pending.replace(pattern, '<$1') : pending);
    },
  });
}
