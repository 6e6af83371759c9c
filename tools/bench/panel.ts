// Panel speed in real Chromium (goals: first render of 10,000 exchanges ≤ 100 ms, a filter keystroke ≤ 16 ms)
// and the gzipped bundle sizes of the built extension (goals: panel ≤ 60 KB, background ≤ 30 KB).
// The workspace is rendered in a plain page from the same components the panel uses (tools/bench/panel-harness.tsx).
import { build } from 'esbuild';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../browsers/launch';
import { recordings, replay } from '../fixtures/recordings';
import { median, reportGoal } from './goal';
import type { PanelBenchResult } from './panel-harness';

const COUNT = 10_000;
const ROUNDS = 9;

const bundle = await build({
  entryPoints: ['tools/bench/panel-harness.tsx'],
  bundle: true,
  write: false,
  format: 'iife',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: true,
  logLevel: 'warning',
});
const script = bundle.outputFiles[0]?.text ?? '';
const css = readFileSync('src/panel/panel.css', 'utf8');
const seed = recordings.flatMap((recording) => replay(recording));

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
const runs: PanelBenchResult[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.setContent(
    `<!doctype html><html data-theme="light"><head><style>${css}</style></head><body><div id="app" class="panel"></div></body></html>`,
  );
  await page.evaluate((exchanges) => ((window as unknown as { benchSeed: unknown }).benchSeed = exchanges), seed);
  await page.addScriptTag({ content: script });
  runs.push(
    await page.evaluate(
      (count) => (window as unknown as { runPanelBench(n: number): Promise<(typeof runs)[number]> }).runPanelBench(count),
      COUNT,
    ),
  );
  await page.close();
}
const version = browser.version();
await browser.close();

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${sorted[0]?.toFixed(1)} / ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} / ${sorted.at(-1)?.toFixed(1)}`;
};
console.log(`\n## Panel in Chromium ${version}: ${COUNT.toLocaleString('en')} exchanges, ${ROUNDS} fresh pages\n`);
console.log('| measure | ms min / median / max | goal |');
console.log('|---|---|---|');
console.log(`| panel boot, empty workspace (cold page: compile, first style and layout) | ${stats(runs.map((run) => run.bootMs))} | — |`);
console.log(`| first render of the snapshot: work to the laid-out list | ${stats(runs.map((run) => run.firstRenderMs))} | ≤ 100 |`);
console.log(`| first render of the snapshot: to the painted frame | ${stats(runs.map((run) => run.firstPaintMs))} | — |`);
console.log(`| every row judged (idle slices after the first paint) | ${stats(runs.map((run) => run.indexedMs))} | — |`);
console.log(`| filter keystroke "kerberos", work: median of 8 keys | ${stats(runs.map((run) => median(run.keystrokeMs)))} | ≤ 16 |`);
console.log(`| filter keystroke "kerberos", work: slowest of 8 keys | ${stats(runs.map((run) => Math.max(...run.keystrokeMs)))} | ≤ 16 |`);
console.log(
  `| filter keystroke "kerberos", to the painted frame: median | ${stats(runs.map((run) => median(run.keystrokePaintMs)))} | — |`,
);
console.log(
  `| filter keystroke "kerberos", to every match counted (idle after the frame): median | ${stats(runs.map((run) => median(run.keystrokeCountedMs)))} | — |`,
);
console.log(
  `| filter keystroke "kerberos", to every match counted: slowest | ${stats(runs.map((run) => Math.max(...run.keystrokeCountedMs)))} | — |`,
);
console.log(`\nRows in the DOM: ${runs[0]?.rowsInDom} of ${COUNT}; after the filter: ${runs[0]?.visibleAfterFilter} match.`);

/** The files an entry loads up front (static imports, scripts, stylesheets, modulepreloads), gzipped and summed;
 * modules loaded later with import() are not part of the first load. */
function gzippedGraph(root: string, entries: string[]): { files: number; bytes: number } {
  const seen = new Set<string>();
  const queue = [...entries];
  let bytes = 0;
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const content = readFileSync(file);
    bytes += gzipSync(content, { level: 9 }).length;
    const text = content.toString('utf8');
    for (const match of text.matchAll(/(?:from\s*|import\s*|href=|src=)["']([^"']+\.(?:js|css))["']/g)) {
      const target = match[1] as string;
      queue.push(target.startsWith('/') ? join(root, target) : resolve(dirname(file), target));
    }
  }
  return { files: seen.size, bytes };
}
const root = resolve('dist/chrome');
const panel = gzippedGraph(root, [join(root, 'src/panel/panel.html')]);
const background = gzippedGraph(root, [join(root, 'service-worker-loader.js')]);
console.log('\n## Bundle sizes, gzip -9 (dist/chrome)\n');
console.log('| bundle | files | KB gzipped | goal |');
console.log('|---|---|---|---|');
console.log(`| panel (panel.html and everything it loads) | ${panel.files} | ${(panel.bytes / 1024).toFixed(1)} | ≤ 60 |`);
console.log(`| background (service worker and its imports) | ${background.files} | ${(background.bytes / 1024).toFixed(1)} | ≤ 30 |`);
console.log(`\n(All of dist/chrome/assets: ${readdirSync(join(root, 'assets')).length} files.)`);
const panelGoals: [string, number[], number][] = [
  ['panel: first render of 10,000 exchanges (work)', runs.map((run) => run.firstRenderMs), 100],
  ['panel: filter keystroke (work), median key', runs.map((run) => median(run.keystrokeMs)), 16],
  ['panel: filter keystroke (work), slowest key', runs.map((run) => Math.max(...run.keystrokeMs)), 16],
];
for (const [measure, values, goalMs] of panelGoals) {
  reportGoal({
    measure,
    goal: `≤ ${goalMs} ms`,
    measured: `${median(values).toFixed(1)} ms (${stats(values)})`,
    met: median(values) <= goalMs,
  });
}
for (const [measure, bytes, goalKb] of [
  ['bundle: panel first load, gzip', panel.bytes, 60],
  ['bundle: background, gzip', background.bytes, 30],
] as const) {
  reportGoal({ measure, goal: `≤ ${goalKb} KB`, measured: `${(bytes / 1024).toFixed(1)} KB`, met: bytes / 1024 <= goalKb });
}
