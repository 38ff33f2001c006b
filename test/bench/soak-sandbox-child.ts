// The soak's sandbox, in its own process so its 50,000 organizations do not count against the
// measured import. argv[2]: the sandbox options as JSON. On stdin, `check <rows> <offset>` prints one
// JSON line: rows missing or holding the wrong value (lost), extra organizations of a row's name
// (duplicated), and the sandbox's counters.
import { createInterface } from 'node:readline';
import { startSandbox, type SandboxOptions } from '../../electron/engine/sandbox/index.ts';
import { soakName } from './soak-rows.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions;
const sandbox = await startSandbox({ port: 0, ...options });
console.log(JSON.stringify({ url: sandbox.url }));

createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, rowsText, offsetText] = line.trim().split(/\s+/);
  if (command !== 'check') return;
  const rows = Number(rowsText);
  const offset = Number(offsetText);
  const byName = new Map<string, number[]>();
  for (const org of sandbox.control.organizations()) {
    const list = byName.get(org.name);
    if (list) list.push(org.employee_count ?? -1);
    else byName.set(org.name, [org.employee_count ?? -1]);
  }
  let lost = 0;
  let duplicated = 0;
  for (let i = 0; i < rows; i++) {
    const found = byName.get(soakName(i)) ?? [];
    if (!found.includes(offset + i)) lost += 1;
    duplicated += Math.max(0, found.length - 1);
  }
  console.log(JSON.stringify({ lost, duplicated, stats: sandbox.control.stats() }));
});
process.on('SIGTERM', () => void sandbox.close().then(() => process.exit(0)));
