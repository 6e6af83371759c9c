// `npm run bench` section: the CLI at hostile scale — an 80,000-exchange NetLog, one request with 50,000 legs, and
// 200 MB of leading whitespace — each `authscope analyze --json` in its own process (tools/bench/cli-child.ts), with
// its time, peak memory and exit code. The issue asks for no crash, no hang and bounded memory; the figures are
// reported as measured.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { netlogRequest, netlogText } from '../fixtures/netlog';

const dir = mkdtempSync(join(tmpdir(), 'authscope-hostile-'));

/** Writes a net-export file whose events come from `lines`, in blocks (the file never sits in memory whole). */
function writeNetLog(path: string, lines: () => Iterable<string>, leading = 0): void {
  const fd = openSync(path, 'w');
  for (let written = 0; written < leading; written += 1 << 20) writeSync(fd, ' '.repeat(Math.min(1 << 20, leading - written)));
  const header = netlogHeader();
  writeSync(fd, header);
  let block: string[] = [];
  let first = true;
  for (const line of lines()) {
    block.push(line);
    if (block.length >= 10_000) {
      writeSync(fd, `${first ? '' : ',\n'}${block.join(',\n')}`);
      first = false;
      block = [];
    }
  }
  if (block.length > 0) writeSync(fd, `${first ? '' : ',\n'}${block.join(',\n')}`);
  writeSync(fd, '\n],\n"polledData": {}\n}\n');
  closeSync(fd);
}

/** The constants line and the opening of the events list. */
function netlogHeader(): string {
  const empty = netlogText([]);
  return empty.slice(0, empty.indexOf('\n],'));
}

const KERBEROS_LEGS: [string[], string[]][] = [
  [['Host: intranet.example'], ['HTTP/1.1 401 Unauthorized', 'WWW-Authenticate: Negotiate', 'Server: Microsoft-IIS/10.0']],
  [
    ['Host: intranet.example', 'Authorization: [1026 bytes were stripped]'],
    ['HTTP/1.1 200 OK', 'WWW-Authenticate: Negotiate [32 bytes were stripped]'],
  ],
];
const NTLM_LEG: [string[], string[]] = [
  ['Host: legacy.example', 'Authorization: [49 bytes were stripped]'],
  ['HTTP/1.1 401 Unauthorized', 'WWW-Authenticate: NTLM [232 bytes were stripped]'],
];

const CASES: { readonly name: string; readonly write: (path: string) => void }[] = [
  {
    name: '80,000 exchanges (Kerberos, Default mode)',
    write: (path) =>
      writeNetLog(path, function* () {
        for (let id = 1; id <= 80_000; id++) yield* netlogRequest(id, `http://intranet.example/${id}`, KERBEROS_LEGS);
      }),
  },
  {
    name: 'one request with 50,000 legs (NTLM loop)',
    write: (path) =>
      writeNetLog(path, () =>
        netlogRequest(
          1,
          'http://legacy.example/loop/',
          Array.from({ length: 50_000 }, () => NTLM_LEG),
        ),
      ),
  },
  {
    name: '200 MB of leading whitespace',
    write: (path) => writeNetLog(path, () => netlogRequest(1, 'http://intranet.example/', KERBEROS_LEGS), 200 * 1024 * 1024),
  },
];

console.log('| input | file | exit | time | peak memory (RSS) | output | message |');
console.log('|---|---|---|---|---|---|---|');
try {
  for (const { name, write } of CASES) {
    const path = join(dir, 'netlog.json');
    write(path);
    const size = statSync(path).size;
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'tools/bench/cli-child.ts', 'analyze', '--json', path], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    const result = JSON.parse(output.trim().split('\n').at(-1) as string) as {
      ms: number;
      maxRssBytes: number;
      exit: number;
      outBytes: number;
      firstError: string;
    };
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    console.log(
      `| ${name} | ${mb(size)} | ${result.exit} | ${(result.ms / 1000).toFixed(1)} s | ${mb(result.maxRssBytes)} | ${mb(result.outBytes)} | ${result.firstError || '—'} |`,
    );
    rmSync(path, { force: true });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
