import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { curlExchange, readCurlVerbose } from '../../../../src/core/import/probe/curl-verbose';
import { summarizeExchange } from '../../../../src/core/exchange/summary';

const fixture = (path: string) => readFileSync(new URL(`../../../fixtures/probe/${path}`, import.meta.url), 'utf8');

describe('curl -v --negotiate', () => {
  it('reads the legs and the token curl sent (this machine’s MIT library, a stub server)', () => {
    const trace = readCurlVerbose(fixture('local-captures/curl-negotiate-success.txt'));
    expect(trace.legs).toHaveLength(1);
    expect(trace.legs[0]?.status).toBe(200);
    expect(trace.legs[0]?.request.find((header) => header.name === 'Authorization')?.value).toMatch(/^Negotiate YII/);
    const exchange = curlExchange('http://web.probe.test:28080/', trace, 1000);
    expect(exchange?.browser).toBe('curl');
    expect(exchange?.legs[0]?.request?.credentials?.summary).toMatchObject({
      kind: 'spnego-init',
      mechanism: 'kerberos',
      spn: 'HTTP/web.probe.test',
    });
  });

  it('keeps what curl’s GSSAPI layer said once, and sees the challenge it could not answer', () => {
    const trace = readCurlVerbose(fixture('local-captures/curl-negotiate-spn-missing.txt'));
    expect(trace.notes).toEqual([
      'gss_init_sec_context() failed: Server HTTP/missing.probe.test@PROBE.TEST not found in Kerberos database.',
    ]);
    const exchange = curlExchange('http://missing.probe.test:28080/', trace, 1000);
    expect(exchange && summarizeExchange(exchange)).toMatchObject({ offered: ['Negotiate', 'NTLM'], outcome: 'no-token-sent' });
    expect(readCurlVerbose(fixture('curl/negotiate-gss-failed-server-not-found.txt')).notes[0]).toMatch(
      /Server not found in Kerberos database/,
    );
  });

  it('survives garbage: no legs, no exchange', () => {
    const trace = readCurlVerbose('< HTTP/1.1 200 OK\n> Host: x\n\u0000\u0001random');
    expect(trace.legs).toEqual([]);
    expect(curlExchange('http://x/', trace, 0)).toBeNull();
  });
});
