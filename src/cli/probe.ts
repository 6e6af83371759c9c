// `authscope probe <url>`: asks this computer what the browser asked — the host's canonical name and the SPN built
// from it, the user's ticket-granting ticket, a service ticket for the SPN, the browser's policy — and runs the
// handshake with this computer's curl. Every program runs with an argument array (no shell), in the C locale, with a
// timeout; a missing tool is said, not fatal. What the outputs mean is decided in src/core.
import { execFile } from 'node:child_process';
import { promises as dns } from 'node:dns';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { devNull, platform } from 'node:os';
import { join } from 'node:path';
import { isCommandSafeName } from '../core/diagnosis/advice/command';
import type { Reader } from '../core/diagnosis/policies';
import { browserSpn, credentialsAllowed } from '../core/diagnosis/policies';
import { clockSkew } from '../core/diagnosis/rules/clock-skew';
import { isIpLiteral } from '../core/diagnosis/rules/ip-host';
import type { CredentialCache, PolicyReading, ProbeFacts, TicketResult } from '../core/diagnosis/probe';
import {
  type PolicyValues,
  readChromiumCommandLine,
  readChromiumPolicyFiles,
  readDefaults,
  readFirefoxPolicies,
  readFirefoxPrefs,
  readRegQuery,
} from '../core/import/probe/browser-policy';
import { curlExchange, readCurlVerbose } from '../core/import/probe/curl-verbose';
import {
  heimdalTicketEtype,
  mitTicketEtype,
  readKgetcred,
  readKlist,
  readKlistGet,
  readKvno,
  readWindowsKlistTgt,
} from '../core/import/probe/kerberos-tools';

const TOOL_TIMEOUT_MS = 15_000;

export interface ToolRun {
  readonly code: number;
  readonly output: string;
  /** The program is not installed. */
  readonly missing: boolean;
}

export interface ProbeOptions {
  readonly browser: Reader['browser'];
  /** A Firefox profile directory, whose prefs.js / user.js are read. */
  readonly firefoxProfile?: string | null;
  /** The switches the browser was started with (the companion reads its caller's). */
  readonly browserArgs?: readonly string[];
  /** Prefix for every policy path read (tests point it at a fixture tree). */
  readonly policyRoot?: string;
}

/** Runs a program (argument array, no shell) in the C locale; stdout and stderr together, as a person sees them. */
export function runTool(program: string, args: readonly string[]): Promise<ToolRun> {
  return new Promise((resolve) => {
    execFile(
      program,
      args,
      { timeout: TOOL_TIMEOUT_MS, windowsHide: true, maxBuffer: 4 << 20, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } },
      (error, stdout, stderr) => {
        const failure = error as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean }) | null;
        if (failure?.code === 'ENOENT') return resolve({ code: 127, output: '', missing: true });
        const code = failure ? (typeof failure.code === 'number' ? failure.code : failure.killed ? 124 : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}`, missing: false });
      },
    );
  });
}

const os = (): Reader['os'] => (platform() === 'win32' ? 'windows' : platform() === 'darwin' ? 'macos' : 'linux');

/** The canonical name the browser builds the SPN from: getaddrinfo's (getent, which follows /etc/hosts as the
 *  browser's resolver does) on Linux, the DNS CNAME chain elsewhere. */
async function canonicalName(host: string): Promise<{ name: string | null; source: string }> {
  if (isIpLiteral(host)) return { name: null, source: 'an IP address: no name to look up' };
  if (os() === 'linux') {
    const getent = await runTool('getent', ['ahosts', host]);
    const name = getent.code === 0 ? getent.output.split('\n')[0]?.trim().split(/\s+/)[2] : undefined;
    if (name) return { name: name.replace(/\.$/, '').toLowerCase(), source: 'getent ahosts (the system resolver, /etc/hosts included)' };
  }
  let name = host;
  try {
    for (let hop = 0; hop < 8; hop++) name = ((await dns.resolveCname(name))[0] ?? name).replace(/\.$/, '');
  } catch {
    // The end of the chain (or no CNAME at all): `name` is canonical.
  }
  return { name: name.toLowerCase(), source: name === host ? 'DNS: no CNAME' : 'DNS CNAME chain' };
}

async function credentials(missing: string[]): Promise<CredentialCache | null> {
  if (os() === 'windows') {
    const tgt = await runTool('klist', ['tgt']);
    if (!tgt.missing) return readWindowsKlistTgt(tgt.output, tgt.code);
    missing.push('klist (part of Windows)');
    return null;
  }
  const list = await runTool('klist', []);
  if (list.missing) {
    missing.push(os() === 'macos' ? 'klist (part of macOS)' : 'klist (Debian/Ubuntu: apt-get install krb5-user)');
    return null;
  }
  const valid = os() === 'linux' ? await runTool('klist', ['-s']) : null;
  return readKlist(list.output, list.code, valid && !valid.missing ? valid.code === 0 : null);
}

async function ticket(spn: string, missing: string[]): Promise<TicketResult | null> {
  if (os() === 'windows') {
    const got = await runTool('klist', ['get', spn]);
    return got.missing ? null : readKlistGet(spn, got.output, got.code);
  }
  const kvno = await runTool('kvno', [spn]);
  if (!kvno.missing) {
    const result = readKvno(spn, kvno.output, kvno.code);
    if (!result.ok) return result;
    const listed = await runTool('klist', ['-e']);
    return { ...result, etype: mitTicketEtype(listed.output, spn) };
  }
  const kgetcred = await runTool('kgetcred', [spn]);
  if (kgetcred.missing) {
    missing.push('kvno (MIT: apt-get install krb5-user) or kgetcred (Heimdal, macOS)');
    return null;
  }
  const result = readKgetcred(spn, kgetcred.output, kgetcred.code);
  if (!result.ok) return result;
  const listed = await runTool('klist', ['-v']);
  return { ...result, etype: heimdalTicketEtype(listed.output, spn) };
}

const POLICY_DIRS: Readonly<Record<'chromium' | 'chrome' | 'edge', string>> = {
  chromium: '/etc/chromium/policies',
  chrome: '/etc/opt/chrome/policies',
  edge: '/etc/opt/edge/policies',
};
const REGISTRY_KEYS: Readonly<Record<'chromium' | 'chrome' | 'edge', string>> = {
  chromium: 'SOFTWARE\\Policies\\Chromium',
  chrome: 'SOFTWARE\\Policies\\Google\\Chrome',
  edge: 'SOFTWARE\\Policies\\Microsoft\\Edge',
};
const MAC_DOMAINS: Readonly<Record<'chromium' | 'chrome' | 'edge', string>> = {
  chromium: 'org.chromium.Chromium',
  chrome: 'com.google.Chrome',
  edge: 'com.microsoft.Edge',
};
const FIREFOX_POLICY_FILES: Readonly<Record<Reader['os'], readonly string[]>> = {
  linux: [
    '/etc/firefox/policies/policies.json',
    '/usr/lib/firefox-esr/distribution/policies.json',
    '/usr/lib/firefox/distribution/policies.json',
  ],
  macos: ['/Applications/Firefox.app/Contents/Resources/distribution/policies.json'],
  windows: ['C:\\Program Files\\Mozilla Firefox\\distribution\\policies.json'],
};

const readText = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

/** The browser's Windows-authentication settings on this computer, each with where it was read. */
async function policy(url: URL, options: ProbeOptions): Promise<{ reading: PolicyReading; values: PolicyValues }> {
  const root = options.policyRoot ?? '';
  const values: Record<string, string> = {};
  const sources: Record<string, string> = {};
  const take = (read: PolicyValues, where: string) => {
    for (const [name, value] of Object.entries(read)) {
      values[name] = value;
      sources[name] = where;
    }
  };
  if (options.browser === 'firefox') {
    for (const file of FIREFOX_POLICY_FILES[os()]) {
      const text = readText(join(root, file));
      if (text) take(readFirefoxPolicies(text), file);
    }
    for (const name of ['prefs.js', 'user.js']) {
      const text = options.firefoxProfile ? readText(join(options.firefoxProfile, name)) : null;
      if (text) take(readFirefoxPrefs(text), join(options.firefoxProfile as string, name));
    }
  } else {
    const browser = options.browser;
    if (os() === 'linux') {
      const files = ['recommended', 'managed'].flatMap((kind) => {
        const dir = join(root, POLICY_DIRS[browser], kind);
        if (!existsSync(dir)) return [];
        return readdirSync(dir)
          .filter((name) => name.endsWith('.json'))
          .map((name) => ({ path: join(POLICY_DIRS[browser], kind, name), text: readText(join(dir, name)) ?? '' }));
      });
      const read = readChromiumPolicyFiles(files);
      for (const [name, value] of Object.entries(read.values)) {
        values[name] = value;
        sources[name] = read.sources[name] ?? '';
      }
    } else if (os() === 'windows') {
      for (const hive of ['HKLM', 'HKCU']) {
        const key = `${hive}\\${REGISTRY_KEYS[browser]}`;
        const query = await runTool('reg', ['query', key, '/s']);
        if (query.code === 0) take(readRegQuery(query.output), key);
      }
    } else {
      const domain = MAC_DOMAINS[browser];
      for (const target of [`/Library/Managed Preferences/${domain}.plist`, domain]) {
        const read = await runTool('defaults', ['read', target]);
        if (read.code === 0) take(readDefaults(read.output), `defaults read ${target}`);
      }
    }
    take(readChromiumCommandLine(options.browserArgs ?? []), 'the browser’s command line');
  }
  const decided = credentialsAllowed(options.browser, os(), values, sources, url);
  return { reading: { browser: options.browser, allows: decided.allows, basis: decided.basis, values }, values };
}

/** Runs the handshake with curl: Negotiate with the logged-on user's credentials, every leg in the verbose trace. */
async function handshake(url: string, missing: string[]) {
  const started = Date.now();
  const curl = await runTool('curl', ['--negotiate', '-u', ':', '-v', '-s', '-o', devNull, '--max-time', '10', url]);
  if (curl.missing) {
    missing.push('curl (Debian/Ubuntu: apt-get install curl; part of Windows 10 and later and of macOS)');
    return { exchange: null, notes: [] as string[], skew: null };
  }
  const trace = readCurlVerbose(curl.output);
  const exchange = curlExchange(url, trace, started);
  return { exchange, notes: [...trace.notes], skew: exchange ? (clockSkew(exchange)?.seconds ?? null) : null };
}

/** Everything this computer says about `url`; the URL must be http(s) with a plain host name. */
export async function probe(target: string, options: ProbeOptions): Promise<ProbeFacts> {
  const url = new URL(target);
  const missing: string[] = [];
  const host = url.hostname.toLowerCase();
  const name = await canonicalName(host);
  const { reading, values } = await policy(url, options);
  const spn = browserSpn(url, name.name, options.browser, values);
  const [cache, service, shake] = [await credentials(missing), await ticket(spn, missing), await handshake(url.href, missing)];
  return {
    url: url.href,
    host,
    canonicalName: name.name,
    nameSource: name.source,
    ipHost: isIpLiteral(host),
    spn,
    credentials: cache,
    ticket: service,
    clockSkewSeconds: shake.skew,
    policy: reading,
    exchange: shake.exchange,
    curlNotes: shake.notes,
    missing,
  };
}

/** Why a URL cannot be probed, or null: http(s) only, a plain host name (it goes into commands as an argument). */
export function probeTargetProblem(target: string): string | null {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http and https URLs can be probed';
  if (!isCommandSafeName(url.hostname) || url.username || url.password) return 'the host is not a plain host name';
  return null;
}
