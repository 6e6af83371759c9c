import { describe, expect, it } from 'vitest';
import { decodeToken } from '../../../src/core/decode/token/decode';
import { tokenResultJson } from '../../../src/core/report/token-json';
import { labToken } from '../../helpers/fixtures';
import { publicToken } from '../../helpers/public-tokens';

describe('tokenResultJson (docs/json.md)', () => {
  it('prints the issue example Negotiate oRQw… exactly', () => {
    expect(tokenResultJson(decodeToken('oRQwEqADCgEAoQsGCSqGSIb3EgECAg=='), 'Negotiate')).toEqual({
      kind: 'spnego-resp',
      mechanism: 'kerberos',
      byteLength: 22,
      scheme: 'Negotiate',
      prefixHint: 'spnego-resp',
      ntlm: null,
      spnego: {
        token: 'resp',
        mechTypes: [],
        mechTypeNames: [],
        negState: 'accept-completed',
        supportedMech: '1.2.840.113554.1.2.2',
        supportedMechName: 'KRB5',
        reqFlags: null,
        negHints: null,
        mechListMIC: false,
        inner: null,
      },
      kerberos: null,
      iakerb: null,
      negoex: null,
      warnings: [],
      error: null,
    });
  });

  it('nests the inner token with the same shape and fills the NTLM object', () => {
    const json = tokenResultJson(decodeToken(labToken('curl-spnego-wrapped-ntlm-negotiate')), 'Negotiate');
    expect(json.spnego?.inner).toMatchObject({ kind: 'ntlm-negotiate', mechanism: 'ntlm', byteLength: 40, spnego: null, kerberos: null });
    expect(Object.keys(json.spnego?.inner?.ntlm ?? {}).sort()).toEqual(
      [
        'messageType',
        'flags',
        'flagNames',
        'domain',
        'user',
        'workstation',
        'targetName',
        'serverChallenge',
        'version',
        'targetInfo',
        'responseVersion',
        'ntlm2SessionResponse',
        'lmResponseLength',
        'ntResponseLength',
        'mic',
        'sessionKey',
      ].sort(),
    );
  });

  it('keeps every Kerberos field the issue names, null where the message has none', () => {
    const json = tokenResultJson(decodeToken(labToken('apache-reject-krb-error-badkeyver')), 'Negotiate');
    expect(json.spnego?.inner?.kerberos).toEqual({
      message: 'krb-error',
      realm: 'LAB.TEST',
      sname: 'HTTP/intranet.lab.test',
      snameType: 1,
      ticketEtype: null,
      ticketEtypeName: null,
      ticketKvno: null,
      authenticatorEtype: null,
      mutualRequired: null,
      encEtype: null,
      requestedEtypes: null,
      errorCode: 44,
      errorName: 'KRB_AP_ERR_BADKEYVER',
      errorMeaning: expect.stringContaining('Specified version of key is not available'),
      eText: null,
      eData: false,
      stime: expect.stringMatching(/^2026-11-22T/),
      cname: null,
      crealm: null,
      errorFrom: 'server',
    });
  });

  it('gives a KRB-ERROR’s client name and realm and who sent it (public tokens)', () => {
    const json = (name: string) => tokenResultJson(decodeToken(publicToken(name)), null).kerberos;
    expect(json('picky-krb-error-raw-client-unknown')).toMatchObject({
      errorName: 'KDC_ERR_C_PRINCIPAL_UNKNOWN',
      cname: 'bad_user',
      crealm: 'EXAMPLE.COM',
      errorFrom: 'kdc',
    });
    expect(json('mit-reference-krb-error-raw')).toMatchObject({
      errorName: 'KRB_ERR_GENERIC',
      cname: 'hftsai/extra',
      crealm: 'ATHENA.MIT.EDU',
      errorFrom: null,
    });
    expect(json('kerberosnet-krb-error-raw-preauth-required')).toMatchObject({ cname: null, crealm: null, errorFrom: 'kdc' });
  });

  it('reports a failure with kind unknown and the error', () => {
    expect(tokenResultJson(decodeToken('####'), null)).toMatchObject({
      kind: 'unknown',
      mechanism: null,
      error: { code: 'base64-invalid-char', offset: 0 },
    });
  });

  it('gives an IAKerb token its header and the relayed message, a KDC request its etypes (public tokens)', () => {
    expect(tokenResultJson(decodeToken(publicToken('krb5-iakerb-realm-response')), 'Negotiate')).toMatchObject({
      kind: 'iakerb',
      mechanism: 'kerberos',
      iakerb: { targetRealm: 'KRBTEST.COM', cookie: false },
      kerberos: null,
    });
    expect(tokenResultJson(decodeToken(publicToken('mit-reference-as-req-raw')), null).kerberos).toMatchObject({
      message: 'as-req',
      requestedEtypes: [0, 1],
      cname: 'hftsai/extra',
    });
  });

  it('lists a NegoEx token’s messages with their type, sequence and auth schemes (public token)', () => {
    const json = tokenResultJson(decodeToken(publicToken('kerberosnet-spnego-init-negoex-pku2u-initiator')), 'Negotiate');
    expect(json.spnego?.inner).toMatchObject({ kind: 'negoex', mechanism: null, byteLength: 319 });
    expect(json.spnego?.inner?.negoex?.messages).toEqual([
      {
        type: 'INITIATOR_NEGO',
        sequenceNum: 0,
        conversationId: 'c5503e29-dc42-93f3-265f-f27dbfc47c11',
        authSchemes: ['0d53335c-f9ea-4d0d-b2ec-4ae3786ec308'],
        authScheme: null,
        exchangeBytes: null,
        checksumType: null,
        errorCode: null,
        alertTypes: null,
      },
      expect.objectContaining({ type: 'INITIATOR_META_DATA', sequenceNum: 1, exchangeBytes: 143, authSchemes: null }),
    ]);
  });
});
