// `npm run bench`: every performance section in one run — decode and capture cost (Node, bundled as the extension
// is), the panel and bundle sizes (real Chromium), NetLog import (10 / 100 / 500 MB) and page load (real Chromium)
// — then one report: a goals summary, the machine and browser versions, and each section's tables, printed and
// written between the bench markers of docs/performance.md. Ratios are measured side by side within each section.
import { execFileSync, spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { GOAL_LINE_PREFIX, type GoalResult } from '../tools/bench/goal';

const REPORT = 'docs/performance.md';
const BEGIN = '<!-- bench:begin (written by npm run bench) -->';
const END = '<!-- bench:end -->';

await build({
  entryPoints: ['tools/bench/decode-capture.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: 'dist/bench/bench.mjs',
  logLevel: 'warning',
});

const SECTIONS: readonly { readonly title: string; readonly args: readonly string[] }[] = [
  { title: 'Decode and capture (Node, bundled)', args: ['dist/bench/bench.mjs'] },
  { title: 'Panel and bundles (Chromium)', args: ['--import', 'tsx', 'tools/bench/panel.ts'] },
  { title: 'NetLog import', args: ['--import', 'tsx', 'tools/bench/netlog.ts'] },
  { title: 'CLI at hostile scale', args: ['--import', 'tsx', 'tools/bench/hostile-scale.ts'] },
  { title: 'Page load (Chromium)', args: ['--import', 'tsx', 'tools/bench/pageload.ts'] },
];

/** Runs one section in its own Node process, echoing its output, and returns the output. */
function run(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}

function version(command: string): string {
  try {
    return execFileSync(command, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return `${command}: not installed`;
  }
}

const started = new Date();
const goals: GoalResult[] = [];
const sections: string[] = [];
for (const section of SECTIONS) {
  console.log(`\n# ${section.title}\n`);
  const output = await run(section.args);
  const lines = output.split('\n');
  for (const line of lines)
    if (line.startsWith(GOAL_LINE_PREFIX)) goals.push(JSON.parse(line.slice(GOAL_LINE_PREFIX.length)) as GoalResult);
  const tables = lines
    .filter((line) => !line.startsWith(GOAL_LINE_PREFIX))
    .join('\n')
    .replace(/^## /gm, '### ')
    .trim();
  sections.push(`## ${section.title}\n\n${tables}`);
}

const machine =
  `${cpus().length}-core ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ` +
  `${version('/usr/bin/chromium')}, ${version('firefox-esr')}`;
const summary = [
  `Run of ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${((Date.now() - started.getTime()) / 60_000).toFixed(1)} min, on ${machine}.`,
  '',
  '| measure | goal | measured (median, spread) | met |',
  '|---|---|---|---|',
  ...goals.map((goal) => `| ${goal.measure} | ${goal.goal} | ${goal.measured} | ${goal.met ? 'yes' : '**no**'} |`),
  '',
  `${goals.filter((goal) => goal.met).length} of ${goals.length} goals met.`,
].join('\n');
const block = `${BEGIN}\n\n## Summary\n\n${summary}\n\n${sections.join('\n\n')}\n\n${END}`;

const document = readFileSync(REPORT, 'utf8');
const begin = document.indexOf(BEGIN);
const end = document.indexOf(END);
if (begin < 0 || end < begin) throw new Error(`${REPORT} has no ${BEGIN} … ${END} block to write into`);
writeFileSync(REPORT, document.slice(0, begin) + block + document.slice(end + END.length));
console.log(`\n# Summary\n\n${summary}\n\nWritten to ${REPORT}.`);
