import { describe, expect, it } from 'vitest';
import { browserSpn, chromiumAllowlistEntry, credentialsAllowed, firefoxListEntry } from '../../../src/core/diagnosis/policies';
import { type ProbeFacts, probeFindings } from '../../../src/core/diagnosis/probe';
import { curlExchange, readCurlVerbose } from '../../../src/core/import/probe/curl-verbose';
import { readFileSync } from 'node:fs';
import { MISSING_SPN_FACTS } from '../../helpers/probe-facts';

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/probe/${path}`, import.meta.url), 'utf8');
const url = new URL('http://web.corp.example:8080/app');

describe('who may receive Windows credentials', () => {
  it('AuthServerAllowlist reads as Chromium’s proxy-bypass rules (net/http/http_auth_filter_unittest.cc cases)', () => {
    const list = ['google.com', 'linkedin.com', 'book.com', '.chromium.org', '.gag', 'gog'].map((entry) => `*${entry}`).join(',');
    expect(chromiumAllowlistEntry(list, new URL('http://www.google.com'))).toBe('*google.com');
    expect(chromiumAllowlistEntry(list, new URL('http://codereview.chromium.gog'))).toBe('*gog');
    expect(chromiumAllowlistEntry(list, new URL('http://slashdot.org'))).toBeNull();
    expect(chromiumAllowlistEntry('corp.example', url)).toBeNull();
    expect(chromiumAllowlistEntry('corp.example,*.corp.example', url)).toBe('*.corp.example');
    expect(chromiumAllowlistEntry('.corp.example', url)).toBe('.corp.example');
    expect(chromiumAllowlistEntry('https://*.corp.example', url)).toBeNull();
    expect(chromiumAllowlistEntry('*.corp.example:8080', url)).toBe('*.corp.example:8080');
    expect(chromiumAllowlistEntry('*', url)).toBe('*');
  });

  it('Firefox’s URI lists match a host or its subdomains at a dot', () => {
    expect(firefoxListEntry('corp.example', url)).toBe('corp.example');
    expect(firefoxListEntry('.corp.example', url)).toBe('.corp.example');
    expect(firefoxListEntry('orp.example', url)).toBeNull();
    expect(firefoxListEntry('https://corp.example', url)).toBeNull();
    expect(firefoxListEntry('http://', url)).toBe('http://');
  });

  it('without a setting: Linux and macOS Chromium refuse, Windows asks its zones, Firefox refuses', () => {
    expect(credentialsAllowed('chromium', 'linux', {}, {}, url)).toMatchObject({ allows: false });
    expect(credentialsAllowed('chrome', 'windows', {}, {}, url)).toMatchObject({ allows: null, basis: expect.stringContaining('zone') });
    expect(credentialsAllowed('firefox', 'windows', {}, {}, url)).toMatchObject({ allows: false });
    expect(
      credentialsAllowed(
        'edge',
        'linux',
        { AuthServerAllowlist: '*.corp.example' },
        { AuthServerAllowlist: '/etc/opt/edge/policies/managed/a.json' },
        url,
      ),
    ).toEqual({
      allows: true,
      basis: 'AuthServerAllowlist has *.corp.example (/etc/opt/edge/policies/managed/a.json)',
    });
  });

  it('the SPN: canonical name, no port, unless the policies say otherwise', () => {
    expect(browserSpn(url, 'web01.corp.example', 'chrome', {})).toBe('HTTP/web01.corp.example');
    expect(
      browserSpn(url, 'web01.corp.example', 'chrome', { DisableAuthNegotiateCnameLookup: 'true', EnableAuthNegotiatePort: 'true' }),
    ).toBe('HTTP/web.corp.example:8080');
    expect(browserSpn(url, null, 'firefox', { EnableAuthNegotiatePort: 'true' })).toBe('HTTP/web.corp.example');
  });
});

const base = MISSING_SPN_FACTS;

describe('probeFindings', () => {
  it('an unknown SPN (kvno) leads, over the handshake curl could not start', () => {
    const trace = readCurlVerbose(fixture('local-captures/curl-negotiate-spn-missing.txt'));
    const facts: ProbeFacts = {
      ...base,
      ticket: {
        ok: false,
        spn: base.spn,
        etype: null,
        error: 'KDC_ERR_S_PRINCIPAL_UNKNOWN',
        said: 'kvno: Server HTTP/missing.probe.test@PROBE.TEST not found in Kerberos database …',
      },
      exchange: curlExchange(base.url, trace, 0),
      curlNotes: trace.notes,
    };
    const findings = probeFindings(facts);
    // The stub also offers NTLM: a browser falls back to it, so curl's unanswered challenge is not the browser's.
    expect(findings.map((finding) => finding.id)).toEqual(['spn-unknown', 'ntlm-fallback']);
    expect(findings[0]?.evidence[0]).toMatchObject({ source: 'this computer', name: 'ticket for HTTP/missing.probe.test' });
    expect(findings[0]?.fixes.flatMap((fix) => fix.commands ?? []).join(' ')).toContain('HTTP/missing.probe.test');
  });

  it('a Negotiate-only server: the browser, like curl, sends nothing; curl sending its token first is not pre-authentication', () => {
    const negotiateOnly = readCurlVerbose(
      '> GET / HTTP/1.1\n> Host: nospn\n>\n< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Negotiate\n<\n',
    );
    const ticket = {
      ok: false,
      spn: base.spn,
      etype: null,
      error: 'KDC_ERR_S_PRINCIPAL_UNKNOWN',
      said: 'kvno: Server not found in Kerberos database',
    } as const;
    expect(probeFindings({ ...base, ticket, exchange: curlExchange(base.url, negotiateOnly, 0) }).map((item) => item.id)).toEqual([
      'spn-unknown',
      'no-token-sent',
    ]);
    const signedIn = readCurlVerbose(fixture('local-captures/curl-negotiate-success.txt'));
    const ok = { ok: true, spn: base.spn, etype: 'aes256-cts-hmac-sha1-96', error: null, said: 'kvno = 2' } as const;
    const web = { ...base, url: 'http://web.probe.test:28080/', host: 'web.probe.test', spn: 'HTTP/web.probe.test' };
    const findings = probeFindings({ ...web, ticket: ok, exchange: curlExchange(web.url, signedIn, 0) }).map((item) => item.id);
    expect(findings).toContain('kerberos-ok');
    expect(findings).not.toContain('preauth-first-request');
  });

  it('no ticket-granting ticket, a weak ticket, a host the browser will not send credentials to', () => {
    expect(
      probeFindings({
        ...base,
        credentials: { tgt: false, principal: null, expires: null, said: 'klist: No credentials cache found' },
      }).map((item) => item.id),
    ).toEqual(['no-kerberos-credentials']);
    const weak = { ok: true, spn: base.spn, etype: 'rc4-hmac', error: null, said: 'kvno = 3' } as const;
    expect(probeFindings({ ...base, ticket: weak }).map((item) => item.id)).toEqual(['weak-etype']);
    const refused = probeFindings({ ...base, policy: { browser: 'chromium', allows: false, basis: 'no AuthServerAllowlist', values: {} } });
    expect(refused.map((item) => item.id)).toEqual(['not-allowlisted']);
    expect(refused[0]?.fixes[0]?.settings?.length).toBeGreaterThan(0);
  });

  it('an NTLM-only server: NTLM, never Kerberos, and curl’s unanswered challenge is not blamed on the browser', () => {
    const trace = readCurlVerbose('> GET / HTTP/1.1\n> Host: legacy\n>\n< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: NTLM\n<\n');
    const findings = probeFindings({
      ...base,
      url: 'http://legacy.lab.test/',
      host: 'legacy.lab.test',
      exchange: curlExchange('http://legacy.lab.test/', trace, 0),
    });
    expect(findings.map((item) => item.id)).toEqual(['ntlm-used']);
  });
});
