// The hostile-input corpus (test/fixtures/hostile, expectations in its expected.json): small files are committed,
// large ones are generated here, byte for byte what the expectation names, when the test runs.
import { readFileSync, readdirSync } from 'node:fs';
import { netlogRequest, netlogText } from '../../tools/fixtures/netlog';

export interface HostileCase {
  readonly command: 'analyze' | 'decode';
  readonly exit: number;
  readonly stdout?: string;
  readonly stderr?: string;
  /** Text that must never be printed (a site's secrets, raw control characters, injected structure). */
  readonly never?: readonly string[];
  readonly generated?: boolean;
  readonly note?: string;
}

const DIR = new URL('../fixtures/hostile/', import.meta.url);

export const hostileCases: Readonly<Record<string, HostileCase>> = JSON.parse(readFileSync(new URL('expected.json', DIR), 'utf8'));

const CHALLENGE = ['HTTP/1.1 401 Unauthorized', 'WWW-Authenticate: Negotiate', 'Server: Microsoft-IIS/10.0'];

function harEntry(url: string, status: number, response: readonly [string, string][] = []) {
  return {
    startedDateTime: '2026-11-22T06:00:00.000Z',
    request: { method: 'GET', url, headers: [] },
    response: { status, statusText: '', httpVersion: 'HTTP/1.1', headers: response.map(([name, value]) => ({ name, value })) },
  };
}
const har = (entries: unknown[]) => JSON.stringify({ log: { version: '1.2', entries } });

const IIS_HEADER =
  '#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n';

const GENERATED: Readonly<Record<string, () => string>> = {
  'har-10000-entries.har': () =>
    har(
      Array.from({ length: 10_000 }, (_, index) => harEntry(`http://intranet.example/${index}`, 401, [['WWW-Authenticate', 'Negotiate']])),
    ),
  'har-1mb-header.har': () =>
    har([harEntry('http://intranet.example/', 401, [['WWW-Authenticate', `Negotiate ${'A'.repeat(1_000_000)}`]])]),
  'iis-long-line.log': () => `${IIS_HEADER}2026-11-22 06:00:00 10.0.0.1 GET /${'x'.repeat(2_000_000)} - 80 - 10.0.0.9 UA - 401 2 5 15\n`,
  'netlog-32000-schemes.json': () =>
    netlogText(
      netlogRequest(6, 'http://intranet.example/', [
        [
          ['Host: x'],
          ['HTTP/1.1 401 Unauthorized', `WWW-Authenticate: ${Array.from({ length: 32_000 }, (_, index) => `X${index}`).join(', ')}`],
        ],
      ]),
    ),
  'netlog-url-100kb.json': () =>
    netlogText(netlogRequest(12, `http://intranet.example/${'a'.repeat(100_000)}`, [[['Host: x'], CHALLENGE]])),
  'token-100kb.txt': () => `Negotiate ${'A'.repeat(100_000)}`,
};

/** Every case's name and content. */
export function hostileFiles(): [name: string, content: string][] {
  const committed = readdirSync(DIR).filter((name) => name !== 'expected.json' && name !== 'README.md');
  return Object.keys(hostileCases).map((name) => {
    const generate = GENERATED[name];
    if (hostileCases[name]?.generated) {
      if (!generate) throw new Error(`no generator for ${name}`);
      return [name, generate()];
    }
    if (!committed.includes(name)) throw new Error(`missing corpus file ${name}`);
    return [name, readFileSync(new URL(name, DIR), 'latin1') === '' ? '' : readFileSync(new URL(name, DIR), 'utf8')];
  });
}
