import { describe, expect, it } from 'vitest';
import { diagnoseExchange } from '../../../../src/core/diagnosis/findings';
import { diagnoseToken } from '../../../../src/core/diagnosis/token-findings';
import { summarizeToken } from '../../../../src/core/decode/token/summary';
import type { Exchange } from '../../../../src/core/exchange/model';
import { syntheticExchange } from '../../../../tools/fixtures/recordings';
import { publicToken } from '../../../helpers/public-tokens';

/** curl test91's handshake (public): NEGOTIATE, an IIS-style CHALLENGE without extended session security, NTLMv1. */
function test91(browser: Exchange['browser'], authenticate = publicToken('curl-test91-ntlm-authenticate')): Exchange {
  const exchange = syntheticExchange(`http://${browser}.lab.test/`, [
    { status: 401, headers: [{ name: 'WWW-Authenticate', value: 'NTLM' }] },
    {
      authorization: `NTLM ${publicToken('curl-test91-ntlm-negotiate')}`,
      status: 401,
      headers: [{ name: 'WWW-Authenticate', value: `NTLM ${publicToken('curl-test91-ntlm-challenge')}` }],
    },
    { authorization: `NTLM ${authenticate}`, status: 200 },
  ]);
  return { ...exchange, browser };
}
const ntlmV1Of = (exchange: Exchange) => diagnoseExchange(exchange).find((finding) => finding.id === 'ntlm-v1');

describe('ntlm-v1 advice follows the client that chose NTLMv1 (MS-NLMP §3.3.1)', () => {
  it('puts the fix on the server when curl answered, citing what the server’s CHALLENGE lacked', () => {
    const finding = ntlmV1Of(test91('curl'));
    expect(finding?.title).toBe('NTLMv1 (or LM) response');
    expect(finding?.explanation).toContain('curl chose it from the server’s CHALLENGE, so the fix is on the server');
    expect(finding?.explanation).toContain(
      'The server’s CHALLENGE (leg 2) lacks NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY and carries TargetInfo.',
    );
    expect(finding?.fixes.map((fix) => fix.text)).toEqual([
      expect.stringMatching(/^curl sends NTLMv2 only when the server’s CHALLENGE allows it/),
    ]);
    expect(finding?.missing).toBeNull();
    expect(finding?.sources.map((source) => source.url)).toContain('https://github.com/curl/curl/blob/master/lib/vauth/ntlm.c');
  });

  it('puts the fix on the browser’s settings for Chromium: LmCompatibilityLevel, and NtlmV2Enabled where Chromium has its own NTLM', () => {
    const finding = ntlmV1Of(test91('chromium'));
    expect(finding?.explanation).toContain('The browser chose it');
    expect(finding?.fixes[0]?.text).toContain('LmCompatibilityLevel = 5');
    expect(finding?.fixes[1]?.text).toContain('NtlmV2Enabled');
    expect(finding?.fixes[1]?.settings?.map((setting) => setting.platform)).toEqual(['linux', 'macos']);
    expect(JSON.stringify(finding?.fixes)).not.toContain('force-generic-ntlm');
  });

  it('gives Firefox its own pref', () => {
    const finding = ntlmV1Of(test91('firefox'));
    expect(finding?.fixes[1]?.settings?.[0]).toMatchObject({
      platform: 'firefox',
      value: 'user_pref("network.auth.force-generic-ntlm-v1", false);',
    });
    expect(JSON.stringify(finding?.fixes)).not.toContain('NtlmV2Enabled');
  });

  it('names an NTLM2 session response (Chromium’s public ESS AUTHENTICATE) as such', () => {
    const finding = ntlmV1Of(test91('chromium', publicToken('chromium-ntlm-ess-authenticate')));
    expect(finding?.title).toBe('NTLM2 session response (NTLMv1 with extended session security)');
    expect(finding?.evidence[0]?.value).toContain('LM field = 8-byte client nonce + 16 zero bytes');
    expect(finding?.explanation).toContain('the NTLM2 session response (NTLMv1 with extended session security, MS-NLMP §3.3.1)');
  });

  it('says what is missing when curl’s CHALLENGE was not seen', () => {
    const exchange = syntheticExchange('http://hidden.lab.test/', [
      { status: 401, headers: [{ name: 'WWW-Authenticate', value: 'NTLM' }] },
      { authorization: `NTLM ${publicToken('curl-test91-ntlm-authenticate')}`, status: 200 },
    ]);
    const finding = ntlmV1Of({ ...exchange, browser: 'curl' });
    expect(finding?.missing).toContain('The server’s CHALLENGE was not visible');
  });

  it('gives a lone token both readings and asks for the CHALLENGE (impacket’s NTLM2 session response in SPNEGO)', () => {
    const [finding] = diagnoseToken(summarizeToken(publicToken('impacket-spnego-resp-ntlmv1-authenticate')));
    expect(finding).toMatchObject({ id: 'ntlm-v1', title: 'NTLM2 session response (NTLMv1 with extended session security)' });
    expect(finding?.fixes).toHaveLength(4);
    expect(finding?.explanation).toContain('a browser follows its own NTLM settings; curl follows the server’s CHALLENGE');
    expect(finding?.missing).toContain('decode the CHALLENGE it answered');
  });
});
