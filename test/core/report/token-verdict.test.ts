import { describe, expect, it } from 'vitest';
import { diagnoseToken } from '../../../src/core/diagnosis/token-findings';
import { summarizeToken } from '../../../src/core/decode/token/summary';
import { tokenVerdict } from '../../../src/core/report/token-verdict';
import { publicTokens } from '../../helpers/public-tokens';

const verdictOfPublic = (name: string) => {
  const token = publicTokens.find((candidate) => candidate.name === name);
  if (!token) throw new Error(`no public token ${name}`);
  const summary = summarizeToken(token.base64);
  return tokenVerdict(summary, diagnoseToken(summary));
};

describe('tokenVerdict on public tokens', () => {
  it('gives every decodable public token one sentence, healthy ones included', () => {
    for (const token of publicTokens) {
      const summary = summarizeToken(token.base64);
      const verdict = tokenVerdict(summary, diagnoseToken(summary));
      expect(verdict.text, token.name).toMatch(/^[A-Z].*[.]$/);
    }
  });

  it('calls an AES Kerberos ticket healthy and an RC4 one a warning', () => {
    const aes = publicTokens.find((token) => /etype 18/.test(token.kind) && token.kind.startsWith('SPNEGO'));
    const rc4 = publicTokens.find((token) => /RC4-HMAC \(etype 23\)|etype 23/.test(token.kind) && token.kind.startsWith('SPNEGO'));
    expect(aes && verdictOfPublic(aes.name)).toMatchObject({
      tone: 'ok',
      text: expect.stringMatching(/^A Kerberos service ticket .*inside SPNEGO, ticket encrypted with aes256/),
    });
    expect(rc4 && verdictOfPublic(rc4.name).tone).toBe('warning');
  });

  it('reads NTLMv2 AUTHENTICATE as well-formed, NTLMv1 as an error, SPNEGO answers by negState', () => {
    const byKind = (pattern: RegExp) => publicTokens.find((token) => pattern.test(token.kind))?.name ?? '';
    expect(verdictOfPublic(byKind(/^NTLM AUTHENTICATE_MESSAGE \(NTLMv2, empty LM/))).toMatchObject({
      tone: 'ok',
      text: expect.stringContaining('NTLMv2 response'),
    });
    expect(verdictOfPublic(byKind(/^NTLM AUTHENTICATE_MESSAGE \(NTLMv1 LM\+NT/)).tone).toBe('error');
    expect(verdictOfPublic(byKind(/^SPNEGO NegTokenResp reject/))).toMatchObject({
      tone: 'error',
      text: expect.stringContaining('refused'),
    });
    expect(verdictOfPublic(byKind(/^SPNEGO NegTokenResp accept-completed \(9 bytes/)).tone).toBe('ok');
    expect(verdictOfPublic(byKind(/^NTLM CHALLENGE_MESSAGE \(IIS-style/))).toMatchObject({
      tone: 'note',
      text: expect.stringContaining('message 2 of 3'),
    });
  });

  it('says who answered with a Kerberos error: the KDC for KDC_ERR_*, the server for KRB_AP_ERR_*', () => {
    expect(verdictOfPublic('picky-krb-error-raw-client-unknown')).toEqual({
      tone: 'error',
      text: 'A Kerberos error: KDC_ERR_C_PRINCIPAL_UNKNOWN (the KDC answered: a ticket request failed).',
    });
    expect(verdictOfPublic('picky-krb-error-raw-inapp-cksum').text).toBe(
      'A Kerberos error: KRB_AP_ERR_INAPP_CKSUM (the server answered: it refused the service ticket).',
    );
    expect(verdictOfPublic('mit-reference-krb-error-raw').text).toBe('A Kerberos error: KRB_ERR_GENERIC.');
  });

  it('describes user-to-user, IAKerb and bare KDC messages instead of calling them unrecognised', () => {
    expect(verdictOfPublic('kerberosnet-gss-u2u-tgt-req')).toMatchObject({
      tone: 'note',
      text: expect.stringMatching(/^A Kerberos user-to-user TGT request \(KRB_TGT_REQ\)/),
    });
    expect(verdictOfPublic('picky-gss-u2u-tgt-rep').text).toMatch(/^The server’s user-to-user TGT reply \(KRB_TGT_REP\)/);
    expect(verdictOfPublic('krb5-iakerb-realm-response')).toMatchObject({
      tone: 'note',
      text: expect.stringMatching(/^IAKerb realm discovery/),
    });
    expect(verdictOfPublic('mit-reference-as-rep-raw').text).toBe(
      'A Kerberos AS-REP without GSS-API framing: a message between a client and its KDC, not a token a browser sends over HTTP.',
    );
  });

  it('names NegoEx negotiations by their messages and auth scheme, in SPNEGO or bare', () => {
    expect(verdictOfPublic('kerberosnet-spnego-init-negoex-pku2u-initiator')).toEqual({
      tone: 'note',
      text: 'The client opens a NegoEx negotiation (INITIATOR_NEGO, INITIATOR_META_DATA for PKU2U): Windows’ extension of SPNEGO for schemes such as PKU2U between Azure AD joined machines, not Kerberos or NTLM.',
    });
    expect(verdictOfPublic('smbj-spnego-init-negoex-acceptor').text).toMatch(
      /^The server answers a NegoEx negotiation \(ACCEPTOR_NEGO, ACCEPTOR_META_DATA for PKU2U\)/,
    );
    expect(verdictOfPublic('picky-negoex-verify').text).toMatch(/^The client opens a NegoEx negotiation \(VERIFY for PKU2U\)/);
  });

  it('tells the NTLM2 session response from plain NTLMv1', () => {
    expect(verdictOfPublic('chromium-ntlm-ess-authenticate')).toEqual({
      tone: 'error',
      text: 'NTLM AUTHENTICATE (message 3 of 3) with an NTLM2 session response (NTLMv1 with extended session security) for Domain\\User on COMPUTER: weak and refused by hardened servers.',
    });
    expect(verdictOfPublic('curl-test91-ntlm-authenticate').text).toContain('with an NTLMv1 or LM response for mydomain\\myself');
  });
});
