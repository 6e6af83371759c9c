// The 2026-readiness rules — ntlm-dependency, ip-host, no-channel-binding, clock-skew, http11-required — on lab
// recordings, public tokens (test/fixtures/tokens, provenance per entry) and the lab's NetLog.
import { describe, expect, it } from 'vitest';
import { diagnoseExchange } from '../../../../src/core/diagnosis/findings';
import { mainExchange, recordingOf, syntheticExchange } from '../../../../tools/fixtures/recordings';
import { labToken } from '../../../helpers/fixtures';
import { publicTokens } from '../../../helpers/public-tokens';

const publicToken = (name: string) => {
  const token = publicTokens.find((entry) => entry.name === name);
  if (!token) throw new Error(`no public token ${name}`);
  return token.base64;
};
const ids = (exchange: Parameters<typeof diagnoseExchange>[0]) => diagnoseExchange(exchange).map((finding) => finding.id);

/** An NTLM handshake (Firefox-style, every leg visible) with the given AUTHENTICATE. */
function ntlmHandshake(url: string, authenticate: string, offered: readonly string[] = ['NTLM']) {
  return syntheticExchange(url, [
    { status: 401, headers: offered.map((scheme) => ({ name: 'WWW-Authenticate', value: scheme })) },
    {
      authorization: `NTLM ${labToken('chromium-ntlm-negotiate')}`,
      status: 401,
      headers: [{ name: 'WWW-Authenticate', value: `NTLM ${labToken('lab-ntlm-challenge')}` }],
    },
    { authorization: `NTLM ${authenticate}`, status: 200 },
  ]);
}

describe('ntlm-dependency', () => {
  it('an NTLM-only server: depends on NTLM, because the server offers only NTLM, and says what would let Kerberos work', () => {
    const [finding] = diagnoseExchange(mainExchange(recordingOf('firefox', 'ntlm-only'))).filter((item) => item.id === 'ntlm-dependency');
    expect(finding?.severity).toBe('warning');
    expect(finding?.title).toBe('Depends on NTLM: fails where NTLM is blocked (Kerberos not used: the server offers only NTLM)');
    expect(finding?.explanation).toMatch(/turning network NTLM off by default/);
    expect(finding?.next).toBe('Before NTLM is turned off: offer Negotiate on the server and register its SPN.');
    expect(finding?.sources.map((source) => source.url).join(' ')).toContain('deprecated-features');
  });

  it('an NTLM fallback seen in Chromium: the reason is not visible there, and the fix says how to find it', () => {
    const [finding] = diagnoseExchange(mainExchange(recordingOf('chromium', 'ntlm-fallback'))).filter(
      (item) => item.id === 'ntlm-dependency',
    );
    expect(finding?.title).toBe('Depends on NTLM: fails where NTLM is blocked');
    expect(finding?.explanation).toContain('not visible in this capture');
    expect(finding?.fixes[0]?.commands).toEqual(['klist get HTTP/legacy.lab.test', 'setspn -Q HTTP/legacy.lab.test']);
  });

  it('not when NTLM failed, nor for Kerberos', () => {
    expect(ids(mainExchange(recordingOf('firefox', 'auth-loop')))).not.toContain('ntlm-dependency');
    expect(ids(mainExchange(recordingOf('firefox', 'kerberos-ok')))).not.toContain('ntlm-dependency');
  });
});

describe('ip-host', () => {
  it('an IPv4 or IPv6 literal host with a Windows challenge: NTLM or nothing, and ntlm-dependency names it as the reason', () => {
    const exchange = ntlmHandshake('http://10.1.2.3/app', labToken('chromium-ntlm-authenticate'), ['Negotiate', 'NTLM']);
    const findings = diagnoseExchange(exchange);
    expect(findings.map((finding) => finding.id)).toEqual(expect.arrayContaining(['ip-host', 'ntlm-dependency']));
    expect(findings.find((finding) => finding.id === 'ip-host')?.title).toBe(
      'The site is addressed by IP (10.1.2.3): no Kerberos ticket is asked for, so it is NTLM or nothing',
    );
    expect(findings.find((finding) => finding.id === 'ntlm-dependency')?.title).toContain('the URL names an IP address');
    expect(
      ids(syntheticExchange('http://[fd00::1]:8080/', [{ status: 401, headers: [{ name: 'WWW-Authenticate', value: 'Negotiate' }] }])),
    ).toContain('ip-host');
  });

  it('not for a host name, nor for an address that asks for no Windows authentication', () => {
    expect(
      ids(syntheticExchange('http://intranet.example/', [{ status: 401, headers: [{ name: 'WWW-Authenticate', value: 'NTLM' }] }])),
    ).not.toContain('ip-host');
    expect(
      ids(syntheticExchange('http://10.1.2.3/', [{ status: 401, headers: [{ name: 'WWW-Authenticate', value: 'Basic realm="x"' }] }])),
    ).not.toContain('ip-host');
  });
});

describe('no-channel-binding', () => {
  it('NTLM over HTTPS: absent (MS-NLMP §4.2.4.3) and all-zero (Chromium’s own test vector) bindings are flagged; a real hash is not', () => {
    const absent = diagnoseExchange(ntlmHandshake('https://legacy.example/', publicToken('ms-nlmp-4.2.4.3-ntlmv2-authenticate')));
    expect(absent.find((finding) => finding.id === 'no-channel-binding')?.evidence[0]).toMatchObject({
      leg: 2,
      source: 'token',
      name: 'NTLM AUTHENTICATE MsvAvChannelBindings',
      value: 'absent',
    });
    const zero = diagnoseExchange(ntlmHandshake('https://legacy.example/', publicToken('chromium-ntlmv2-authenticate-cbt-zero')));
    expect(zero.find((finding) => finding.id === 'no-channel-binding')?.evidence[0]?.value).toBe('all zero (bound to no channel)');
    expect(ids(ntlmHandshake('https://legacy.example/', publicToken('chromium-ntlmv2-authenticate-cbt-mic')))).not.toContain(
      'no-channel-binding',
    );
  });

  it('not over plain HTTP, where there is no channel to bind to', () => {
    expect(ids(ntlmHandshake('http://legacy.example/', publicToken('chromium-ntlmv2-authenticate-cbt-zero')))).not.toContain(
      'no-channel-binding',
    );
  });
});

describe('clock-skew', () => {
  const received = Date.UTC(2026, 10, 29, 12, 0, 0);
  const withDate = (date: string) =>
    syntheticExchange(
      'http://intranet.example/',
      [
        {
          status: 401,
          headers: [
            { name: 'WWW-Authenticate', value: 'Negotiate' },
            { name: 'Date', value: date },
          ],
        },
      ],
      '1',
      received - 1,
    );

  it('a server Date more than 5 minutes away from the browser’s clock, either way', () => {
    const [ahead] = diagnoseExchange(withDate('Sun, 29 Nov 2026 12:07:00 GMT')).filter((finding) => finding.id === 'clock-skew');
    expect(ahead?.title).toBe('The server’s clock is 7 min ahead of this browser’s: over Kerberos’ 5-minute tolerance');
    expect(ahead?.evidence[0]).toMatchObject({ leg: 0, source: 'response', name: 'Date', value: 'Sun, 29 Nov 2026 12:07:00 GMT' });
    expect(ids(withDate('Sun, 29 Nov 2026 11:50:00 GMT'))).toContain('clock-skew');
  });

  it('not within 5 minutes, nor for a Date that is not a date', () => {
    expect(ids(withDate('Sun, 29 Nov 2026 12:04:59 GMT'))).not.toContain('clock-skew');
    expect(ids(withDate('yesterday'))).not.toContain('clock-skew');
  });

  it('the NTLM CHALLENGE’s MsvAvTimestamp (pyspnego’s public CHALLENGE, 2020-04-30) against a response received in 2026', () => {
    const exchange = syntheticExchange(
      'http://legacy.example/',
      [
        { status: 401, headers: [{ name: 'WWW-Authenticate', value: 'NTLM' }] },
        {
          authorization: `NTLM ${labToken('chromium-ntlm-negotiate')}`,
          status: 401,
          headers: [{ name: 'WWW-Authenticate', value: `NTLM ${publicToken('pyspnego-ntlm-challenge')}` }],
        },
      ],
      '1',
      received,
    );
    const finding = diagnoseExchange(exchange).find((item) => item.id === 'clock-skew');
    expect(finding?.evidence[0]).toMatchObject({ leg: 1, name: 'NTLM CHALLENGE MsvAvTimestamp', value: '2020-04-30T02:46:22.414Z' });
    expect(finding?.title).toMatch(/behind this browser’s/);
  });
});

describe('http11-required', () => {
  it('the NetLog events that show the refusal are the evidence; info when the retry signed in, a warning when it did not', () => {
    const base = syntheticExchange('https://intranet.example/', [
      { status: 401, headers: [{ name: 'WWW-Authenticate', value: 'Negotiate' }] },
      { authorization: `Negotiate ${labToken('firefox-negotiate-ap-req')}`, status: 200 },
    ]);
    const http11Retry = [
      { event: 'HTTP_TRANSACTION_HTTP2_SEND_REQUEST_HEADERS', detail: 'leg 1 sent over HTTP/2' },
      { event: 'HTTP_TRANSACTION_SEND_REQUEST_HEADERS', detail: 'leg 2 sent again over HTTP/1.1, on a new connection' },
    ];
    const worked = diagnoseExchange({ ...base, http11Retry }).find((finding) => finding.id === 'http11-required');
    expect(worked?.severity).toBe('info');
    expect(worked?.evidence.map((item) => item.name)).toEqual([
      'HTTP_TRANSACTION_HTTP2_SEND_REQUEST_HEADERS',
      'HTTP_TRANSACTION_SEND_REQUEST_HEADERS',
      'status chain',
    ]);
    expect(ids(base)).not.toContain('http11-required');
  });
});

describe('header-too-large', () => {
  it('also on HTTP 431 (RFC 6585 §5) after a large Kerberos credential', () => {
    const exchange = syntheticExchange('http://bloat.example/', [
      { status: 401, headers: [{ name: 'WWW-Authenticate', value: 'Negotiate' }] },
      { authorization: `Negotiate ${labToken('firefox-negotiate-ap-req')}`, status: 431, headers: [{ name: 'Server', value: 'nginx' }] },
    ]);
    const [finding] = diagnoseExchange(exchange);
    expect(finding?.id).toBe('header-too-large');
    expect(finding?.title).toMatch(/^HTTP 431 after the credential: the request header is too large \(token \d+ bytes\)$/);
  });
});
