import { describe, expect, it } from 'vitest';
import { diagnoseExchange } from '../../../../src/core/diagnosis/findings';
import { tokenWeaknesses } from '../../../../src/core/diagnosis/rules/token-weaknesses';
import { summarizeToken } from '../../../../src/core/decode/token/summary';
import { base64, labToken } from '../../../helpers/fixtures';
import { syntheticExchange } from '../../../../tools/fixtures/recordings';
import { kerberosApReq, ntlmAuthenticate } from '../../../helpers/tokens';

const ids = (token: string) =>
  tokenWeaknesses(summarizeToken(token), { exchangeId: null, url: null, leg: null }).map((finding) => finding.id);

describe('weak-etype, ntlm-v1, anonymous-ntlm on tokens', () => {
  it('flags an RC4 service ticket and not an AES one (the lab’s real AP-REQ)', () => {
    expect(ids(base64(kerberosApReq(23)))).toEqual(['weak-etype']);
    expect(ids(labToken('firefox-negotiate-ap-req'))).toEqual([]);
  });

  it('flags NTLMv1 and anonymous AUTHENTICATE messages, not NTLMv2', () => {
    expect(ids(base64(ntlmAuthenticate(24, 24)))).toEqual(['ntlm-v1']);
    expect(ids(base64(ntlmAuthenticate(0, 0)))).toEqual(['anonymous-ntlm']);
    expect(ids(labToken('chromium-ntlm-authenticate'))).toEqual([]);
  });

  it('names the weak etype and cites the leg in an exchange', () => {
    const exchange = syntheticExchange('http://old.lab.test/', [
      { status: 401, headers: [{ name: 'WWW-Authenticate', value: 'Negotiate' }] },
      { authorization: `Negotiate ${base64(kerberosApReq(23))}`, status: 200 },
    ]);
    const weak = diagnoseExchange(exchange).find((finding) => finding.id === 'weak-etype');
    expect(weak?.title).toContain('rc4-hmac');
    expect(weak?.evidence[0]).toMatchObject({ leg: 1, source: 'token', name: 'AP-REQ ticket etype' });
  });
});
