// Rules that read facts only some sources carry: request size without a readable token, IIS substatus, private
// windows, delegation flags, proxies.
import { describe, expect, it } from 'vitest';
import { diagnoseExchange } from '../../../../src/core/diagnosis/findings';
import type { Exchange } from '../../../../src/core/exchange/model';
import { labToken } from '../../../helpers/fixtures';
import { mainExchange, recordingOf, syntheticExchange } from '../../../../tools/fixtures/recordings';

const ids = (exchange: Exchange) => diagnoseExchange(exchange).map((finding) => finding.id);

/** The exchange with its credentials' tokens unreadable (as in a default-mode NetLog) and the request this big. */
function stripped(exchange: Exchange, headBytes: number): Exchange {
  return {
    ...exchange,
    legs: exchange.legs.map((leg) =>
      leg.request?.credentials
        ? { ...leg, request: { ...leg.request, headBytes, credentials: { ...leg.request.credentials, token: null, summary: null } } }
        : leg,
    ),
  };
}

describe('size-says-kerberos / size-says-ntlm (“Troubleshoot Kerberos failures in Internet Explorer” thresholds)', () => {
  const kerberos = mainExchange(recordingOf('firefox', 'kerberos-ok'));
  it('estimates from the request size when the token cannot be read', () => {
    expect(ids(stripped(kerberos, 2600))).toContain('size-says-kerberos');
    expect(ids(stripped(kerberos, 900))).toContain('size-says-ntlm');
    expect(ids(stripped(kerberos, 1700)).filter((id) => id.startsWith('size-says'))).toEqual([]);
  });
  it('stays silent when the token is readable', () => {
    expect(ids(kerberos).filter((id) => id.startsWith('size-says'))).toEqual([]);
  });
});

describe('facts from other sources', () => {
  const loop = mainExchange(recordingOf('firefox', 'auth-loop'));
  it('iis-substatus explains 401.1 and 401.2', () => {
    const [finding] = diagnoseExchange({ ...loop, iisSubstatus: 1 }).filter((candidate) => candidate.id === 'iis-substatus');
    expect(finding?.title).toBe('IIS 401.1: Logon failed (denied by invalid user credentials)');
    expect(ids({ ...loop, iisSubstatus: 2 })).toContain('iis-substatus');
    expect(ids(loop)).not.toContain('iis-substatus');
  });

  it('private-window when the tab is private, with the policy and the Firefox pref', () => {
    const noToken = mainExchange(recordingOf('firefox', 'not-allowlisted'));
    const [finding] = diagnoseExchange({ ...noToken, incognito: true }).filter((candidate) => candidate.id === 'private-window');
    expect(finding?.fixes[0]?.settings?.map((setting) => setting.value).join('\n')).toMatch(
      /AmbientAuthenticationInPrivateModesEnabled[\s\S]*network\.auth\.private-browsing-sso/,
    );
    expect(ids({ ...noToken, incognito: false })).not.toContain('private-window');
  });

  it('delegation only with NetLog context flags, and only for Kerberos', () => {
    const kerberos = mainExchange(recordingOf('firefox', 'kerberos-ok'));
    const facts = { allowsDefaultCredentials: true, spn: 'HTTP/intranet.lab.test', events: [] };
    const [notRequested] = diagnoseExchange({ ...kerberos, authLibrary: { ...facts, delegationRequested: false } }).filter(
      (finding) => finding.id === 'delegation',
    );
    expect(notRequested?.fixes[0]?.settings?.map((setting) => setting.value).join('\n')).toContain('AuthNegotiateDelegateAllowlist');
    expect(ids({ ...kerberos, authLibrary: { ...facts, delegationRequested: true } })).toContain('delegation');
    expect(ids(kerberos)).not.toContain('delegation');
  });
});

describe('proxy-auth and persistent-auth through a proxy', () => {
  it('an NTLM 407 handshake that succeeds: proxy-auth info', () => {
    const exchange = syntheticExchange('http://proxied.lab.test/', [
      {
        status: 407,
        headers: [
          { name: 'Proxy-Authenticate', value: 'Negotiate' },
          { name: 'Proxy-Authenticate', value: 'NTLM' },
        ],
      },
      {
        proxyAuthorization: `NTLM ${labToken('chromium-ntlm-negotiate')}`,
        status: 407,
        headers: [{ name: 'Proxy-Authenticate', value: labToken('lab-ntlm-challenge').replace(/^/, 'NTLM ') }],
      },
      { proxyAuthorization: `NTLM ${labToken('chromium-ntlm-authenticate')}`, status: 200 },
    ]);
    const findings = diagnoseExchange(exchange);
    expect(findings.find((finding) => finding.id === 'proxy-auth')).toMatchObject({
      severity: 'info',
      title: 'Proxy authentication (407) succeeded',
    });
  });

  it('a 407 left unanswered: proxy-auth error', () => {
    const exchange = syntheticExchange('http://proxied.lab.test/', [
      { status: 407, headers: [{ name: 'Proxy-Authenticate', value: 'NTLM' }] },
    ]);
    expect(diagnoseExchange(exchange).find((finding) => finding.id === 'proxy-auth')?.severity).toBe('error');
  });

  it('Persistent-Auth with a Via header on an NTLM exchange: a warning about connection pooling', () => {
    const exchange = syntheticExchange('http://legacy.lab.test/', [
      { status: 401, headers: [{ name: 'WWW-Authenticate', value: 'NTLM' }] },
      {
        authorization: `NTLM ${labToken('chromium-ntlm-negotiate')}`,
        status: 401,
        headers: [{ name: 'WWW-Authenticate', value: `NTLM ${labToken('lab-ntlm-challenge')}` }],
      },
      {
        authorization: `NTLM ${labToken('chromium-ntlm-authenticate')}`,
        status: 200,
        headers: [
          { name: 'Persistent-Auth', value: 'true' },
          { name: 'Via', value: '1.1 squid' },
        ],
      },
    ]);
    expect(diagnoseExchange(exchange).find((finding) => finding.id === 'persistent-auth')).toMatchObject({ severity: 'warning' });
  });
});
