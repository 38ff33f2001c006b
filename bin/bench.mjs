#!/usr/bin/env node
// `npm run bench -- <name>`: runs test/bench/<name>.bench.ts (speed and memory goals live here, as
// ratios against a baseline measured in the same run, never as timed assertions in tests).
import { readdirSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const benchDir = new URL('../test/bench/', import.meta.url);
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''));
const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (names.length === 0) {
  console.error(`Usage: npm run bench -- <${available.join('|')}>`);
  process.exit(2);
}
for (const name of names) {
  if (!available.includes(name)) {
    console.error(`No benchmark "${name}". Available: ${available.join(', ')}`);
    process.exit(2);
  }
  const { run } = await import(new URL(`${name}.bench.ts`, benchDir).href);
  await run(process.argv.slice(2).filter((a) => a.startsWith('-')));
}
