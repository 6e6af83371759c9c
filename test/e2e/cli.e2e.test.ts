// The built CLI (dist/cli/authscope.mjs) as a fresh clone runs it: the acceptance command and exit codes.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['dist/cli/authscope.mjs', ...args], { encoding: 'utf8', input });

describe('dist/cli/authscope.mjs', () => {
  it('decodes the acceptance example to the documented JSON', () => {
    const run = cli(['decode', '--json', 'Negotiate oRQwEqADCgEAoQsGCSqGSIb3EgECAg==']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      kind: 'spnego-resp',
      mechanism: 'kerberos',
      byteLength: 22,
      spnego: { token: 'resp', negState: 'accept-completed', supportedMech: '1.2.840.113554.1.2.2', inner: null },
      error: null,
    });
  });

  it('reads stdin and exits 2 with one line on stderr for an undecodable token', () => {
    const run = cli(['decode', '-'], 'Authorization: NTLM TlRMTVNTUAAJAAAA\n');
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('is executable through its shebang', () => {
    const run = spawnSync('dist/cli/authscope.mjs', ['--version'], { encoding: 'utf8' });
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('dist/cli/authscope.mjs analyze --inventory', () => {
  it('reads directories of gzipped NetLogs and a browser-recorded HAR one file at a time and lists every lab origin with its NTLM dependency', () => {
    const run = cli(['analyze', '--inventory', '--csv', 'test/fixtures/netlog', 'test/fixtures/har']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^\[\d+\/\d+\] test\/fixtures\/netlog\/chromium-lab-default\.json\.gz: netlog, \d+ exchanges$/m);
    expect(run.stderr).toMatch(/^\[\d+\/\d+\] test\/fixtures\/har\/chromium-lab\.har: har, \d+ exchanges$/m);
    const rows = run.stdout.trim().split('\r\n').slice(1);
    const hosts = new Set(rows.map((row) => new URL(row.split(',')[0] as string).hostname));
    for (const host of [
      'intranet.lab.test',
      'nospn.lab.test',
      'stale.lab.test',
      'bloat.lab.test',
      'legacy.lab.test',
      'secure.lab.test',
      'h2.lab.test',
    ])
      expect(hosts).toContain(host);
    expect(rows.some((row) => row.startsWith('http://legacy.lab.test:') && row.includes(',yes,'))).toBe(true);
    expect(rows.filter((row) => row.startsWith('http://intranet.lab.test:')).every((row) => row.includes(',no,'))).toBe(true);
  });
});
