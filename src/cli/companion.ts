// The companion: the CLI registered as a native-messaging host, so the panel can ask this computer (`authscope probe`)
// about a URL. `install` writes the host manifest where each browser looks for it (per user) and a launcher that runs
// this CLI with this Node; `uninstall` removes both; `host` is what the browser starts: it answers AuthScope alone,
// reads one message holding one URL, and replies with the probe's JSON — never a ticket, a key or a raw token.
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { join, resolve } from 'node:path';
import type { Reader } from '../core/diagnosis/policies';
import { probeFindings } from '../core/diagnosis/probe';
import { probeJson } from '../core/report/probe-json';
import { CHROMIUM_EXTENSION_ID, COMPANION_HOST, FIREFOX_ADDON_ID } from '../shared/extension-id';
import { probe, probeTargetProblem, runTool } from './probe';

export type CompanionBrowser = 'chrome' | 'chromium' | 'edge' | 'firefox';
export const COMPANION_BROWSERS: readonly CompanionBrowser[] = ['chrome', 'chromium', 'edge', 'firefox'];

/** Where each browser reads a user's native-messaging host manifests (Chrome, Edge and MDN documentation). */
function manifestDir(browser: CompanionBrowser): string {
  const home = homedir();
  const os = platform();
  if (os === 'darwin') {
    const support = join(home, 'Library', 'Application Support');
    return {
      chrome: join(support, 'Google', 'Chrome', 'NativeMessagingHosts'),
      chromium: join(support, 'Chromium', 'NativeMessagingHosts'),
      edge: join(support, 'Microsoft Edge', 'NativeMessagingHosts'),
      firefox: join(support, 'Mozilla', 'NativeMessagingHosts'),
    }[browser];
  }
  if (os === 'win32') return join(process.env['LOCALAPPDATA'] ?? join(home, 'AppData', 'Local'), 'AuthScope', browser);
  const config = process.env['XDG_CONFIG_HOME'] ?? join(home, '.config');
  return {
    chrome: join(config, 'google-chrome', 'NativeMessagingHosts'),
    chromium: join(config, 'chromium', 'NativeMessagingHosts'),
    edge: join(config, 'microsoft-edge', 'NativeMessagingHosts'),
    firefox: join(home, '.mozilla', 'native-messaging-hosts'),
  }[browser];
}

/** Windows reads the manifest's path from this registry key (HKCU) instead of a directory. */
const REGISTRY_KEYS: Readonly<Record<CompanionBrowser, string>> = {
  chrome: 'HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts',
  chromium: 'HKCU\\Software\\Chromium\\NativeMessagingHosts',
  edge: 'HKCU\\Software\\Microsoft\\Edge\\NativeMessagingHosts',
  firefox: 'HKCU\\Software\\Mozilla\\NativeMessagingHosts',
};

/** The host manifest: the browser starts `path` and lets only AuthScope talk to it. */
export function hostManifest(browser: CompanionBrowser, launcher: string, extensionIds: readonly string[]) {
  const base = {
    name: COMPANION_HOST,
    description: 'AuthScope companion: asks this computer about a URL (authscope probe)',
    path: launcher,
    type: 'stdio',
  };
  return browser === 'firefox'
    ? { ...base, allowed_extensions: [FIREFOX_ADDON_ID] }
    : { ...base, allowed_origins: [CHROMIUM_EXTENSION_ID, ...extensionIds].map((id) => `chrome-extension://${id}/`) };
}

export interface InstallOptions {
  readonly browsers: readonly CompanionBrowser[];
  /** Write the manifests here instead (a browser started with --user-data-dir reads <dir>/NativeMessagingHosts). */
  readonly manifestDir?: string | null;
  /** More Chromium extension ids to allow (a store-installed AuthScope has the store's id). */
  readonly extensionIds?: readonly string[];
}

/** Writes the launcher and one manifest per browser; returns what was written, for the user to see. */
export async function installCompanion(options: InstallOptions): Promise<string[]> {
  // The CLI file this very command runs from (npm's bin link resolved): the launcher runs it with this Node.
  const cli = realpathSync(process.argv[1] ?? '');
  const written: string[] = [];
  for (const browser of options.browsers) {
    const dir = options.manifestDir ? resolve(options.manifestDir) : manifestDir(browser);
    mkdirSync(dir, { recursive: true });
    const windows = platform() === 'win32';
    const launcher = join(dir, windows ? 'authscope-companion.cmd' : 'authscope-companion');
    writeFileSync(
      launcher,
      windows
        ? `@echo off\r\n"${process.execPath}" "${cli}" companion host %*\r\n`
        : `#!/bin/sh\nexec '${process.execPath.replace(/'/g, "'\\''")}' '${cli.replace(/'/g, "'\\''")}' companion host "$@"\n`,
    );
    if (!windows) chmodSync(launcher, 0o755);
    const manifest = join(dir, `${COMPANION_HOST}.json`);
    writeFileSync(manifest, `${JSON.stringify(hostManifest(browser, launcher, options.extensionIds ?? []), null, 2)}\n`);
    if (windows) await runTool('reg', ['add', `${REGISTRY_KEYS[browser]}\\${COMPANION_HOST}`, '/ve', '/t', 'REG_SZ', '/d', manifest, '/f']);
    written.push(manifest, launcher);
  }
  return written;
}

export async function uninstallCompanion(options: InstallOptions): Promise<string[]> {
  const removed: string[] = [];
  for (const browser of options.browsers) {
    const dir = options.manifestDir ? resolve(options.manifestDir) : manifestDir(browser);
    for (const file of [`${COMPANION_HOST}.json`, 'authscope-companion', 'authscope-companion.cmd']) {
      const path = join(dir, file);
      if (!existsSync(path)) continue;
      rmSync(path);
      removed.push(path);
    }
    if (platform() === 'win32') await runTool('reg', ['delete', `${REGISTRY_KEYS[browser]}\\${COMPANION_HOST}`, '/f']);
  }
  return removed;
}

/** Who started the host: Chrome passes the caller's origin, Firefox the manifest's path and the add-on id. */
export function callerOf(args: readonly string[]): 'chromium' | 'firefox' | null {
  if (args[0] === `chrome-extension://${CHROMIUM_EXTENSION_ID}/`) return 'chromium';
  if (args[1] === FIREFOX_ADDON_ID) return 'firefox';
  return null;
}

/** The browser process that started us (Linux: /proc), with its switches and, for Firefox, its profile. */
function parentBrowser(): { readonly args: string[]; readonly brand: Reader['browser'] | null; readonly profile: string | null } {
  if (platform() !== 'linux') return { args: [], brand: null, profile: null };
  try {
    const args = readFileSync(`/proc/${process.ppid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const exe = args[0] ?? '';
    const brand: Reader['browser'] | null = /msedge|microsoft-edge/.test(exe)
      ? 'edge'
      : /google-chrome|\/chrome$/.test(exe)
        ? 'chrome'
        : /chromium/.test(exe)
          ? 'chromium'
          : /firefox/.test(exe)
            ? 'firefox'
            : null;
    const flag = args.findIndex((arg) => arg === '-profile' || arg === '--profile');
    return { args, brand, profile: flag >= 0 ? (args[flag + 1] ?? null) : null };
  } catch {
    return { args: [], brand: null, profile: null };
  }
}

/** One native message from stdin: a 32-bit length in the machine's byte order (little-endian here), then UTF-8 JSON. */
async function readMessage(): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    const data = Buffer.concat(chunks);
    if (data.length >= 4 && data.length >= 4 + data.readUInt32LE(0))
      return JSON.parse(data.subarray(4, 4 + data.readUInt32LE(0)).toString('utf8'));
    if (data.length > 64 * 1024) break;
  }
  return null;
}

function writeMessage(message: unknown): void {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(body.length, 0);
  process.stdout.write(Buffer.concat([length, body]));
}

/** The host: one question ({ url }) from AuthScope, one answer. Anything else is refused with a reason. */
export async function runHost(args: readonly string[]): Promise<number> {
  const caller = callerOf(args);
  if (!caller) {
    process.stderr.write('authscope companion: started by something other than AuthScope; refusing\n');
    return 1;
  }
  let message: unknown;
  try {
    message = await readMessage();
  } catch {
    message = null;
  }
  const keys = typeof message === 'object' && message !== null ? Object.keys(message) : [];
  const url = keys.length === 1 && keys[0] === 'url' ? (message as { url: unknown }).url : null;
  const problem = typeof url === 'string' ? probeTargetProblem(url) : 'the message must be { "url": "<http(s) URL>" } and nothing else';
  if (problem || typeof url !== 'string') {
    writeMessage({ error: problem });
    return 0;
  }
  const parent = parentBrowser();
  const browser = caller === 'firefox' ? 'firefox' : parent.brand && parent.brand !== 'firefox' ? parent.brand : 'chromium';
  const facts = await probe(url, { browser, browserArgs: parent.args, firefoxProfile: parent.profile });
  writeMessage(probeJson(facts, probeFindings(facts)));
  return 0;
}
