import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/authscope';
import { base64, labTokens } from '../helpers/fixtures';
import { kerberosApReq, ntlmAuthenticate } from '../helpers/tokens';

/** Runs the CLI with in-memory files, handed out in small chunks the way a large file is read. */
function cli(args: string[], stdin = '', files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const chunks = (path: string) => {
    const text = path === '-' ? stdin : files[path];
    if (text === undefined) throw new Error(`ENOENT: no such file ${path}`);
    return Array.from({ length: Math.ceil(text.length / 5000) }, (_, index) => text.slice(index * 5000, (index + 1) * 5000));
  };
  const code = run(args, {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    stdin: () => stdin,
    chunks,
    files: (paths) => [...paths],
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('authscope decode', () => {
  it('prints the JSON object for "Negotiate <b64>" and exits 0', () => {
    const { code, out, err } = cli(['decode', '--json', 'Negotiate oRQwEqADCgEAoQsGCSqGSIb3EgECAg==']);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(JSON.parse(out)).toMatchObject({ kind: 'spnego-resp', mechanism: 'kerberos', byteLength: 22, scheme: 'Negotiate' });
  });

  it.each(labTokens.map((fixture) => [fixture.name, `${fixture.header}: ${fixture.value}`]))(
    'decodes the whole header line of %s',
    (_, line) => {
      const { code, out } = cli(['decode', '--json', line]);
      expect(code).toBe(0);
      expect(JSON.parse(out).error).toBeNull();
    },
  );

  it('prints the findings a lone token supports: a Kerberos error, an RC4 ticket, NTLMv1', () => {
    const krbError = labTokens.find((fixture) => fixture.name === 'apache-reject-krb-error-badkeyver')?.value ?? '';
    const json = JSON.parse(cli(['decode', '--json', krbError]).out);
    expect(json.findings).toEqual([
      expect.objectContaining({ id: 'kerberos-error', severity: 'error', title: expect.stringMatching(/^KRB_AP_ERR_BADKEYVER \(44\)/) }),
    ]);
    expect(cli(['decode', base64(kerberosApReq(23))]).out).toMatch(
      /finding: \[warning\] weak-etype: Service ticket encrypted with rc4-hmac/,
    );
    expect(cli(['decode', `NTLM ${base64(ntlmAuthenticate(24, 24))}`]).out).toContain('finding: [error] ntlm-v1');
    expect(JSON.parse(cli(['decode', '--json', 'Negotiate oRQwEqADCgEAoQsGCSqGSIb3EgECAg==']).out).findings).toEqual([]);
  });

  it('accepts a bare token and a token split over several arguments', () => {
    expect(cli(['decode', 'oRQwEqADCgEAoQsGCSqGSIb3EgECAg==']).out).toContain('negState: accept-completed');
    expect(cli(['decode', 'oRQwEqADCgEA', 'oQsGCSqGSIb3EgECAg==']).code).toBe(0);
  });

  it('reads stdin for "-"', () => {
    const { code, out } = cli(['decode', '-'], 'WWW-Authenticate: Negotiate oRQwEqADCgEAoQsGCSqGSIb3EgECAg==\n');
    expect(code).toBe(0);
    expect(out).toContain('SPNEGO NegTokenResp');
  });

  it('prints the tree with warnings for a misleading prefix', () => {
    const wrapped = labTokens.find((fixture) => fixture.name === 'curl-spnego-wrapped-ntlm-negotiate');
    const { out } = cli(['decode', wrapped?.value ?? '']);
    expect(out).toContain('├─ mechanism: NTLM');
    expect(out).toContain(
      'warning: the "YI…" prefix suggests Kerberos, but this SPNEGO token carries NTLM (prefix-misleading at offset 0)',
    );
  });

  it.each([
    [['decode', 'TlRMTVNTUAAJAAAA'], 'ntlm-bad-message-type at offset 8'],
    [['decode', 'WWW-Authenticate: Negotiate, NTLM'], 'no-token at offset 0'],
    [['decode', 'Content-Type: text/html'], 'input-not-auth-header'],
    [['decode', '--json', '%%%'], 'base64-invalid-char at offset 0'],
    [['decode', 'Negotiate YII*'], 'base64-invalid-char at offset 3'],
    [['decode', 'Authorization: NTLM TlRM%'], 'base64-invalid-char at offset 4'],
  ])('exits 2 with a one-line reason for %j', (args, reason) => {
    const { code, err } = cli(args);
    expect(code).toBe(2);
    expect(err.split('\n')).toHaveLength(1);
    expect(err).toContain(reason);
  });

  it('refuses a Basic header by its scheme, in text and JSON, without printing the credentials', () => {
    const text = cli(['decode', 'Authorization: Basic dXNlcjpzZWNyZXQ=']);
    expect(text.code).toBe(2);
    expect(text.err).toContain('Basic is not a Windows authentication scheme');
    const json = cli(['decode', '--json', 'Authorization: Basic dXNlcjpzZWNyZXQ=']);
    expect(JSON.parse(json.out).error).toMatchObject({ code: 'input-not-windows-scheme' });
    expect(`${text.out}${text.err}${json.out}${json.err}`).not.toContain('dXNlcjpzZWNyZXQ');
  });

  it('warns about a SPNEGO answer under the NTLM scheme', () => {
    const { code, out } = cli(['decode', 'WWW-Authenticate: NTLM oRQwEqADCgEAoQsGCSqGSIb3EgECAg==']);
    expect(code).toBe(0);
    expect(out).toContain('(scheme-token-mismatch at offset 0)');
  });

  it.each([[[]], [['decode']], [['frobnicate']], [['decode', '--yaml', 'x']]])('exits 1 on usage errors %j', (args) => {
    expect(cli(args).code).toBe(1);
  });

  it('prints help and version', () => {
    expect(cli(['--help']).out).toContain('Usage: authscope decode');
    expect(cli(['--version']).out).toBe('0.0.0-test');
  });
});

const netlog = (mode: string) => gunzipSync(readFileSync(`test/fixtures/netlog/chromium-lab-${mode}.json.gz`)).toString('utf8');

describe('authscope analyze', () => {
  it('reads a Default-mode NetLog as a stream: every leg, stripped sizes, auth-library facts, findings', () => {
    const { code, out, err } = cli(['analyze', '--json', 'net-export.json'], '', { 'net-export.json': netlog('default') });
    expect(err).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result).toMatchObject({ source: 'netlog', browser: expect.stringMatching(/^Chromium 156/) });
    const byHost = (host: string) =>
      result.exchanges.filter((exchange: { url: string }) => exchange.url.includes(host) && !exchange.url.includes('favicon'));
    const allowlist = byHost('web.corp.example')[0];
    expect(allowlist.findings.map((finding: { id: string }) => finding.id)).toEqual(['no-token-sent', 'not-allowlisted']);
    const nospn = byHost('nospn.lab.test')[0];
    expect(nospn).toMatchObject({ spn: 'HTTP/nospn.lab.test', outcome: 'no-token-sent' });
    expect(nospn.findings.map((finding: { id: string }) => finding.id)).toContain('spn-unknown');
    const ntlm = byHost('/ntlm-only/')[0];
    expect(ntlm.legs.map((leg: { status: number }) => leg.status)).toEqual([401, 401, 200]);
    expect(ntlm.legs[2].sent).toEqual({ scheme: 'NTLM', bytes: null, token: null });
    expect(ntlm.requestAuthBytes).toBeGreaterThan(900);
    expect(ntlm.findings.map((finding: { id: string }) => finding.id)).toContain('size-says-ntlm');
    // Tokens stripped, yet the mechanism is known and says where from (docs/json.md).
    expect(ntlm).toMatchObject({ mechanism: 'ntlm', mechanismEvidence: 'netlog' });
    const kerberos = byHost('intranet.lab.test').find((exchange: { status: number }) => exchange.status === 200);
    expect(kerberos).toMatchObject({
      mechanism: 'kerberos',
      mechanismEvidence: 'inferred',
      mechanismDetail: { basis: expect.stringMatching(/RFC/) },
    });
    expect(kerberos.mechanismDetail.facts.length).toBeGreaterThan(1);
    expect(result.findings.length).toBeGreaterThan(3);
  });

  it('decodes the tokens of an Everything-mode NetLog, and leaves them out of the JSON unless asked', () => {
    const files = { 'everything.json': netlog('everything') };
    const result = JSON.parse(cli(['analyze', '--json', 'everything.json'], '', files).out);
    const kerberos = result.exchanges.find(
      (exchange: { url: string; status: number }) => exchange.url.includes('intranet.lab.test') && exchange.status === 200,
    );
    expect(kerberos).toMatchObject({ mechanism: 'kerberos', outcome: 'authenticated', spn: 'HTTP/intranet.lab.test' });
    expect(kerberos.legs[1].sent.token).toBeNull();
    const withTokens = JSON.parse(cli(['analyze', '--json', '--include-tokens', 'everything.json'], '', files).out);
    expect(
      withTokens.exchanges.find((exchange: { url: string; status: number }) => exchange.url === kerberos.url && exchange.status === 200)
        .legs[1].sent.token,
    ).toMatch(/^YII/);
  });

  it('reports a NetLog cut off mid-write with what it recovered', () => {
    const full = netlog('default');
    const { code, err, out } = cli(['analyze', 'cut.json'], '', { 'cut.json': full.slice(0, Math.floor(full.length * 0.6)) });
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(
      /^netlog from Chromium 156.*: \d+ exchanges.*\n(warning: .*\n)*warning: the file ends before the event list is closed .* \d+ complete events recovered \(netlog-truncated\)/,
    );
    expect(out).toMatch(/\n {2}mechanism: Kerberos — inferred: .*\n/);
  });

  it('reads an IIS line with a value missing best-effort and says so with the result, in text and JSON', () => {
    const log = [
      '#Fields: date time c-ip cs-uri-stem cs(Referer) sc-status sc-substatus sc-win32-status time-taken',
      '2026-11-22 06:00:00 10.0.0.9 /app 401 1 2148074254 15',
    ].join('\n');
    const text = cli(['analyze', '-'], log);
    expect(text.code).toBe(0);
    expect(text.err).toBe('');
    expect(text.out).toMatch(
      /^iis-log: 0 exchanges, 1 distinct findings\nwarning: line 2: 8 values for 9 fields: read best-effort .*\(iis-log-misaligned\)/,
    );
    expect(text.out).toContain('[error] preauth-first-request');
    const json = JSON.parse(cli(['analyze', '--json', '-'], log).out);
    expect(json.warnings).toEqual([expect.objectContaining({ code: 'iis-log-misaligned', offset: 2 })]);
    expect(json.findings).toEqual([expect.objectContaining({ id: 'preauth-first-request', url: '/app' })]);
  });

  it('refuses an IIS log none of whose lines can be read, with exit 2', () => {
    const { code, out, err } = cli(['analyze', '-'], '#Fields: date time c-ip cs-uri-stem sc-status\n2026-11-22 06:00:00\n');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/none of the 1 log line\(s\) could be read.*\(iis-log-no-readable-lines\)$/);
  });

  it('explains an IIS log and rejects garbage with a clear error', () => {
    const log = '#Fields: c-ip cs-uri-stem sc-status sc-substatus sc-win32-status\n10.0.0.9 /app 401 1 2148074254\n';
    const result = JSON.parse(cli(['analyze', '--json', '-'], log).out);
    expect(result).toMatchObject({
      source: 'iis-log',
      exchanges: [],
      findings: [expect.objectContaining({ id: 'preauth-first-request', url: '/app' })],
    });
    const garbage = cli(['analyze', 'x.bin'], '', { 'x.bin': '\u0000\u0001 not anything' });
    expect(garbage.code).toBe(2);
    expect(garbage.err).toContain('(unknown-format)');
    expect(cli(['analyze', 'missing.json']).code).toBe(1);
  });
});

describe('authscope analyze --inventory', () => {
  const netlog = gunzipSync(readFileSync(new URL('../fixtures/netlog/chromium-lab-default.json.gz', import.meta.url))).toString('utf8');

  it('one row per origin over several files, progress per file on stderr, an unknown file named and skipped', () => {
    const { code, out, err } = cli(['analyze', '--inventory', '--csv', 'a.json', 'notes.txt', 'b.json'], '', {
      'a.json': netlog,
      'notes.txt': 'hello',
      'b.json': netlog,
    });
    expect(code).toBe(0);
    const [header, ...rows] = out.split('\r\n');
    expect(header).toBe(
      'Origin,Exchanges,Kerberos sign-ins,NTLM sign-ins,Failed,Depends on NTLM,Why not Kerberos,Channel binding,Kerberos etypes,Findings,Last seen,Seen in',
    );
    const legacy = rows.filter((row) => row.startsWith('http://legacy.lab.test:') && /,yes,/.test(row));
    expect(legacy.length).toBeGreaterThan(0);
    expect(legacy[0]).toContain('a.json; b.json');
    expect(err.split('\n')).toEqual([
      expect.stringMatching(/^\[1\/3\] a\.json: netlog, \d+ exchanges$/),
      expect.stringMatching(/^\[2\/3\] notes\.txt: skipped, .*\(unknown-format\)$/),
      expect.stringMatching(/^\[3\/3\] b\.json: netlog, \d+ exchanges$/),
      expect.stringMatching(/^2 of 3 files read, \d+ origins$/),
    ]);
  });

  it('--json is the stable object; nothing readable exits 2; --json with --csv is a usage error', () => {
    const json = cli(['analyze', '--inventory', '--json', 'a.json'], '', { 'a.json': netlog });
    expect(JSON.parse(json.out).origins.length).toBeGreaterThan(3);
    expect(cli(['analyze', '--inventory', 'x.txt'], '', { 'x.txt': 'nothing' }).code).toBe(2);
    expect(cli(['analyze', '--inventory', '--json', '--csv', 'a.json'], '', { 'a.json': netlog }).code).toBe(1);
  });
});
