// `npm run lab:record [chromium] [firefox] [netlog]`: runs every lab scenario in real Chromium and Firefox with AuthScope
// recording its capture events, and writes them as fixtures (test/fixtures/capture/<browser>/<scenario>.json) for the
// unit tests to replay. Chromium also writes a NetLog of every scenario in Default and Everything modes
// (test/fixtures/netlog/); `netlog` alone records only those. The lab realm is thrown away afterwards, so its tokens
// may be committed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type ScenarioId, scenarioRequestUrl, startLab } from '../tools/lab/lab';
import { type BrowserDriver, chromiumDriver, findExchange, firefoxDriver, settledExchange } from '../tools/browsers/driver';

const FIXTURES = 'test/fixtures';
const lab = await startLab();
const scenarios = Object.keys(lab.urls).filter((id) => id !== 'no-ticket') as ScenarioId[];
const browsers = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['chromium', 'firefox'];
const captureFixtures = !(browsers.length === 1 && browsers[0] === 'netlog');

/** The recorder build (tools/record): AuthScope plus listeners that keep every event; never shipped. */
function buildRecorder(browser: 'chrome' | 'firefox'): string {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, AUTHSCOPE_BROWSER: browser, AUTHSCOPE_RECORDER: '1' },
  });
  return `dist/recorder-${browser}`;
}

async function record(driver: BrowserDriver, ids: readonly ScenarioId[]): Promise<void> {
  for (const id of ids) {
    await driver.visit(lab.urls[id], new URL(lab.urls[id]).hostname === 'legacy.lab.test');
    if (!(await settledExchange(driver, scenarioRequestUrl(id, lab.urls[id])))) console.warn(`${driver.name} ${id}: did not settle`);
  }
  const [tabs, trace] = [await driver.tabs(), await driver.trace()];
  const dir = join(FIXTURES, 'capture', driver.name);
  mkdirSync(dir, { recursive: true });
  for (const id of ids) {
    const origin = new URL(lab.urls[id]).origin;
    const tab = findExchange(tabs, scenarioRequestUrl(id, lab.urls[id]))?.tab;
    const requestIds = new Set(tab?.exchanges.filter((exchange) => exchange.origin === origin).map((exchange) => exchange.requestId));
    const events = trace.filter((event) => requestIds.has(event.requestId));
    writeFileSync(
      join(dir, `${id}.json`),
      `${JSON.stringify({ browser: driver.name, scenario: id, url: lab.urls[id], recorded: new Date().toISOString(), events }, null, 1)}\n`,
    );
    console.log(`${driver.name} ${id}: ${events.length} events`);
  }
}

try {
  for (const mode of browsers.includes('chromium') || browsers.includes('netlog') ? (['Default', 'Everything'] as const) : []) {
    const file = join('/tmp', `authscope-netlog-${mode}.json`);
    const chromium = await chromiumDriver(
      lab.browserEnv,
      [`--log-net-log=${file}`, `--net-log-capture-mode=${mode}`],
      buildRecorder('chrome'),
    );
    await chromium.visit(lab.urls['kerberos-ok']); // warm-up: the first Negotiate challenge fails (docs/platform-notes.md)
    if (mode === 'Default' && captureFixtures && browsers.includes('chromium')) await record(chromium, scenarios);
    else for (const id of scenarios) await chromium.visit(lab.urls[id], new URL(lab.urls[id]).hostname === 'legacy.lab.test');
    await chromium.close();
    mkdirSync(join(FIXTURES, 'netlog'), { recursive: true });
    writeFileSync(join(FIXTURES, 'netlog', `chromium-lab-${mode.toLowerCase()}.json.gz`), gzipSync(readFileSync(file)));
    rmSync(file, { force: true });
    console.log(`chromium NetLog (${mode}) written`);
  }
  if (browsers.includes('firefox')) {
    const firefox = await firefoxDriver(lab.browserEnv, {}, buildRecorder('firefox'));
    await record(firefox, scenarios);
    await firefox.close();
  }
} finally {
  await lab.stop();
}
