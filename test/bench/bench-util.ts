import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Runs a TypeScript bench helper in a fresh Node process and returns the JSON line it prints last. */
export async function runChild<T>(script: string, args: ReadonlyArray<string>): Promise<T> {
  const file = fileURLToPath(new URL(script, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`${script} ${args.join(' ')} exited with ${code}`);
  const last = out.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as T;
}

/** Starts a long-lived child (e.g. a sandbox) that prints one JSON line when ready; returns it and a stop function. */
export async function startChild<T>(
  script: string,
  args: ReadonlyArray<string>,
): Promise<{ ready: T; stop(): void }> {
  const file = fileURLToPath(new URL(script, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<T>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as T);
    });
    child.on('exit', (code) => reject(new Error(`${script} exited early with ${code}`)));
  });
  return { ready, stop: () => child.kill('SIGTERM') };
}

/** Peak resident memory of this process so far, in MB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Prints rows as an aligned plain-text table. */
export function printTable(rows: ReadonlyArray<ReadonlyArray<string | number>>): void {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? '').length))) ?? [];
  for (const row of rows) console.log(row.map((cell, c) => String(cell).padEnd(widths[c] ?? 0)).join('  '));
}
