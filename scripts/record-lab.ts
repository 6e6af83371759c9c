// `npm run lab:record [chromium] [firefox] [netlog] [--scenarios a,b] [--netlog-name NAME]`: runs lab scenarios in real
// Chromium and Firefox with AuthScope recording its capture events, and writes them as fixtures
// (test/fixtures/capture/<browser>/<scenario>.json) for the unit tests to replay. Chromium also writes a NetLog of the
// scenarios in Default and Everything modes (test/fixtures/netlog/chromium-<NAME>-<mode>.json.gz, NAME "lab" by
// default); `netlog` alone records only those. `--scenarios` records only the scenarios named (other fixtures stay as
// they are); its NetLogs need a `--netlog-name` of their own, so that they never replace the whole lab's. The lab
// realm and CA are thrown away afterwards, so the tokens and certificates inside may be committed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type ScenarioId, promptsForNtlm, scenarioRequestUrl, startLab } from '../tools/lab/lab';
import { type BrowserDriver, chromiumDriver, findExchange, firefoxDriver, settledExchange } from '../tools/browsers/driver';

const FIXTURES = 'test/fixtures';

/** The command line: browsers (and `netlog`), `--scenarios a,b`, `--netlog-name NAME`. */
function parseArguments(args: readonly string[]) {
  const browsers: string[] = [];
  const flags = new Map<string, string>();
  for (let at = 0; at < args.length; at++) {
    const arg = args[at] as string;
    if (!arg.startsWith('--')) {
      if (!['chromium', 'firefox', 'netlog'].includes(arg)) throw new Error(`unknown browser ${arg} (chromium, firefox, netlog)`);
      browsers.push(arg);
      continue;
    }
    const value = args[at + 1];
    if (!['--scenarios', '--netlog-name'].includes(arg)) throw new Error(`unknown option ${arg}`);
    if (!value || value.startsWith('--')) throw new Error(`${arg} needs a value`);
    flags.set(arg, value);
    at++;
  }
  const netlogName = flags.get('--netlog-name') ?? 'lab';
  if (!/^[a-z0-9-]+$/.test(netlogName)) throw new Error(`--netlog-name ${netlogName}: lower-case letters, digits and "-" only`);
  return {
    browsers: browsers.length > 0 ? browsers : ['chromium', 'firefox'],
    scenarios: flags.get('--scenarios')?.split(',') ?? null,
    netlogName,
  };
}

const options = parseArguments(process.argv.slice(2));
const records = (name: string) => options.browsers.includes(name);
const recordsNetLog = records('chromium') || records('netlog');
if (options.scenarios && recordsNetLog && options.netlogName === 'lab') {
  throw new Error('a NetLog of chosen scenarios must not replace chromium-lab-*.json.gz: give it --netlog-name');
}

const lab = await startLab();
const all = Object.keys(lab.urls).filter((id) => id !== 'no-ticket') as ScenarioId[];
const unknown = options.scenarios?.filter((id) => !all.includes(id as ScenarioId)) ?? [];
if (unknown.length > 0) {
  await lab.stop();
  throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${all.join(', ')}`);
}
const scenarios = options.scenarios ? (options.scenarios as ScenarioId[]) : all;
const captureFixtures = records('chromium') || records('firefox');

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
    await driver.visit(lab.urls[id], promptsForNtlm(lab.urls[id]));
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
  for (const mode of recordsNetLog ? (['Default', 'Everything'] as const) : []) {
    const file = join('/tmp', `authscope-netlog-${mode}.json`);
    const chromium = await chromiumDriver(
      lab.browserEnv,
      [`--log-net-log=${file}`, `--net-log-capture-mode=${mode}`],
      buildRecorder('chrome'),
    );
    await chromium.warmUp(lab.urls['kerberos-ok']); // the first Negotiate challenge fails (docs/platform-notes.md)
    if (mode === 'Default' && records('chromium')) await record(chromium, scenarios);
    else for (const id of scenarios) await chromium.visit(lab.urls[id], promptsForNtlm(lab.urls[id]));
    await chromium.close();
    mkdirSync(join(FIXTURES, 'netlog'), { recursive: true });
    const name = `chromium-${options.netlogName}-${mode.toLowerCase()}.json.gz`;
    writeFileSync(join(FIXTURES, 'netlog', name), gzipSync(readFileSync(file)));
    rmSync(file, { force: true });
    console.log(`chromium NetLog (${mode}) written: ${name}`);
  }
  if (captureFixtures && records('firefox')) {
    const firefox = await firefoxDriver(lab.browserEnv, {}, buildRecorder('firefox'));
    await record(firefox, scenarios);
    await firefox.close();
  }
} finally {
  await lab.stop();
}
