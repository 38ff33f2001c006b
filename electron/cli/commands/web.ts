import { stat } from 'node:fs/promises';
import path from 'node:path';
import { startWebBridge } from '../../bridge/index.ts';
import { dataDir } from '../../engine/data-dir.ts';
import { intFlag, parseFlags } from '../args.ts';
import { EXIT, UsageError } from '../exit-codes.ts';
import type { Command } from './types.ts';

/** `orgport web`: the app's UI in a browser, through the loopback-only web bridge. */
export const webCommand: Command = {
  name: 'web',
  summary: 'the Orgport UI in your browser (no desktop runtime needed)',
  usage: `Usage: orgport web [--port N] [FILE]

Serves the Orgport UI on 127.0.0.1 and prints its address; open it in a browser on this machine.
The address holds a secret made for this run, so other users and web pages cannot use it. The UI
starts on the built-in sandbox; API tokens you enter are kept in memory only. Press Ctrl-C to stop.

  FILE         a spreadsheet to import: the page opens it once, as "Open with Orgport" does
  --port N     the port to listen on (default: a free one)`,
  async run(argv, io) {
    const { flags, positionals } = parseFlags(argv, { port: { type: 'string' } }, true);
    const port = intFlag(flags, 'port', 0, 65535) ?? 0;
    if (positionals.length > 1) throw new UsageError('give at most one FILE to open');
    const openFile = positionals[0] === undefined ? undefined : await existingFile(positionals[0]);
    io.err('Starting the Orgport web UI (the first start builds it, which takes a few seconds)…\n');
    const bridge = await startWebBridge({
      port,
      dataDir: dataDir({ env: io.env }),
      log: (line) => io.err(line + '\n'),
      ...(openFile ? { openFile } : {}),
    });
    io.out(`Orgport is running at ${bridge.url}\n`);
    io.err('Open that address in your browser. Press Ctrl-C to stop.\n');
    await io.interrupted;
    await bridge.close();
    return EXIT.ok;
  },
};

/** `file` as an absolute path, or a usage error when it is not a file (caught here, not in the page). */
async function existingFile(file: string): Promise<string> {
  const resolved = path.resolve(file);
  const info = await stat(resolved).catch(() => null);
  if (!info?.isFile()) throw new UsageError(`${file} is not a file`);
  return resolved;
}
