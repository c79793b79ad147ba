// `npm run bench -- --json [--only SECTION]`: runs each benchmark section against the real
// platform and prints one JSON object keyed by section. Sections live in test/bench/sections/
// (one file each, default-exporting a BenchSection); a section not written yet is absent.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BenchSection } from './section';

const { values } = parseArgs({
  options: { json: { type: 'boolean' }, only: { type: 'string', multiple: true } },
  strict: true,
});
const dir = join(import.meta.dirname, 'sections');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .sort();
const out: Record<string, Record<string, unknown>> = {};
for (const file of files) {
  const section = ((await import(join(dir, file))) as { default: BenchSection }).default;
  if (values.only && !values.only.includes(section.name)) continue;
  process.stderr.write(`bench: ${section.name} ...\n`);
  out[section.name] = await section.run();
}
process.stdout.write(
  values.json ? `${JSON.stringify(out)}\n` : `${JSON.stringify(out, null, 2)}\n`,
);
