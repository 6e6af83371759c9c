import { describe, expect, it } from 'vitest';
import { decodeToken, decodeTokenBytes, prefixHintOf } from '../../../../src/core/decode/token/decode';
import { OID_KRB5, OID_MS_KRB5, OID_NEGOEX, OID_NTLMSSP, OID_SPNEGO } from '../../../../src/core/decode/gssapi/oids';
import { app, bits, ctx, enumerated, gstring, int, octets, oid, seq, tlv } from '../../../helpers/der';
import { base64, labToken, labTokens } from '../../../helpers/fixtures';
import { kerberosApReq, krbError } from '../../../helpers/tokens';
import { publicToken, publicTokens } from '../../../helpers/public-tokens';

const decoded = (token: string) => {
  const result = decodeToken(token);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result;
};

describe('decodeToken — every lab capture (test/fixtures/tokens)', () => {
  const expectations: Record<string, { kind: string; mechanism: string | null; inner?: string }> = {
    'chromium-negotiate-ap-req': { kind: 'spnego-init', mechanism: 'kerberos', inner: 'kerberos-ap-req' },
    'firefox-negotiate-ap-req': { kind: 'spnego-init', mechanism: 'kerberos', inner: 'kerberos-ap-req' },
    'curl-negotiate-ap-req': { kind: 'spnego-init', mechanism: 'kerberos', inner: 'kerberos-ap-req' },
    'apache-ap-rep-accept-completed': { kind: 'spnego-resp', mechanism: 'kerberos', inner: 'kerberos-ap-rep' },
    'apache-accept-completed-no-ap-rep': { kind: 'spnego-resp', mechanism: 'kerberos' },
    'apache-reject-krb-error-badkeyver': { kind: 'spnego-resp', mechanism: 'kerberos', inner: 'kerberos-error' },
    'chromium-ntlm-negotiate': { kind: 'ntlm-negotiate', mechanism: 'ntlm' },
    'lab-ntlm-challenge': { kind: 'ntlm-challenge', mechanism: 'ntlm' },
    'chromium-ntlm-authenticate': { kind: 'ntlm-authenticate', mechanism: 'ntlm' },
    'curl-ntlm-negotiate': { kind: 'ntlm-negotiate', mechanism: 'ntlm' },
    'curl-ntlm-authenticate': { kind: 'ntlm-authenticate', mechanism: 'ntlm' },
    'curl-spnego-wrapped-ntlm-negotiate': { kind: 'spnego-init', mechanism: 'ntlm', inner: 'ntlm-negotiate' },
  };

  it('has an expectation for every fixture', () => {
    expect(labTokens.map((fixture) => fixture.name).sort()).toEqual(Object.keys(expectations).sort());
  });

  it.each(Object.entries(expectations))('%s', (name, expected) => {
    const { value, warnings } = decoded(labToken(name));
    expect(value.token.kind).toBe(expected.kind);
    expect(value.token.mechanism).toBe(expected.mechanism);
    expect(value.token.spnego?.inner?.kind).toBe(expected.inner);
    const allowed = name === 'curl-spnego-wrapped-ntlm-negotiate' ? ['prefix-misleading'] : [];
    expect(warnings.map((warning) => warning.code)).toEqual(allowed);
  });

  it('reads the Chromium AP-REQ: realm, SPN, etype, kvno, mutual-required, absolute ranges', () => {
    const { value } = decoded(labToken('chromium-negotiate-ap-req'));
    const spnego = value.token.spnego;
    expect(spnego?.mechTypes).toEqual([OID_KRB5]);
    expect(spnego?.mechTypeNames).toEqual(['KRB5']);
    const kerberos = spnego?.inner?.kerberos;
    expect(kerberos).toMatchObject({
      message: 'ap-req',
      pvno: 5,
      realm: 'LAB.TEST',
      sname: 'HTTP/intranet.lab.test',
      snameType: 3,
      ticketEtype: 18,
      ticketEtypeName: 'aes256-cts-hmac-sha1-96',
      authenticatorEtype: 18,
      // Chromium does not ask for mutual authentication, so Apache answers without an AP-REP.
      mutualRequired: false,
    });
    expect(typeof kerberos?.ticketKvno).toBe('number');
    // The realm's byte range points at the realm's GeneralString inside the outer token.
    const realm = kerberos?.spans['realm'];
    const bytes = value.bytes;
    expect(realm && new TextDecoder().decode(bytes.subarray(realm[0] + 2, realm[1]))).toBe('LAB.TEST');
  });

  it('reads the stale-keytab KRB-ERROR: KRB_AP_ERR_BADKEYVER (44) with stime, realm and sname', () => {
    const { value } = decoded(labToken('apache-reject-krb-error-badkeyver'));
    expect(value.token.spnego?.negState).toBe('reject');
    expect(value.token.spnego?.inner?.kerberos).toMatchObject({
      message: 'krb-error',
      errorCode: 44,
      errorName: 'KRB_AP_ERR_BADKEYVER',
      realm: 'LAB.TEST',
      sname: 'HTTP/intranet.lab.test',
      stime: expect.stringMatching(/^2026-11-22T\d\d:\d\d:\d\dZ$/),
      eData: false,
    });
  });

  it('reads the AP-REP etype and the accept-completed negState', () => {
    const { value } = decoded(labToken('apache-ap-rep-accept-completed'));
    expect(value.token.spnego).toMatchObject({ negState: 'accept-completed', supportedMech: OID_KRB5 });
    expect(value.token.spnego?.inner?.kerberos).toMatchObject({ message: 'ap-rep', encEtype: 18 });
  });

  it('reads mutual-required in the curl AP-REQ that earned that AP-REP', () => {
    expect(decoded(labToken('curl-negotiate-ap-req')).value.token.spnego?.inner?.kerberos?.mutualRequired).toBe(true);
  });

  it('classifies a SPNEGO token carrying NTLM as NTLM whatever its "YE…" prefix says', () => {
    const result = decoded(labToken('curl-spnego-wrapped-ntlm-negotiate'));
    expect(result.value.prefixHint).toBe('spnego-or-kerberos');
    expect(result.value.token.mechanism).toBe('ntlm');
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'prefix-misleading' })]);
    // NTLM inside SPNEGO keeps absolute offsets: its signature starts where mechToken's value starts.
    const mechToken = result.value.token.spnego?.spans['mechToken'];
    expect(result.value.token.spnego?.inner?.ntlm?.spans['signature']?.[0]).toBe(mechToken?.[0]);
  });

  it('decodes a raw GSS Kerberos token (0x60 + KRB5 OID, no SPNEGO) as kerberos-ap-req', () => {
    const { value } = decoded(labToken('curl-negotiate-ap-req'));
    const [start, end] = value.token.spnego?.spans['mechToken'] ?? [0, 0];
    const raw = decodeTokenBytes(value.bytes.slice(start, end));
    expect(raw.ok && raw.value).toMatchObject({ kind: 'kerberos-ap-req', mechanism: 'kerberos', gssMech: OID_KRB5 });
  });
});

describe('decodeToken — every public token (test/fixtures/tokens/public-tokens.json)', () => {
  /** kind, and "> inner kind" for SPNEGO; an error code for the two inner structures that are not wire tokens. */
  const expectations: Record<string, string> = {
    'ms-nlmp-4.2.2.3-ntlmv1-challenge': 'ntlm-challenge',
    'ms-nlmp-4.2.2.3-ntlmv1-authenticate': 'ntlm-authenticate',
    'ms-nlmp-4.2.3.3-ess-challenge': 'ntlm-challenge',
    'ms-nlmp-4.2.4.3-ntlmv2-challenge': 'ntlm-challenge',
    'ms-nlmp-4.2.4.3-ntlmv2-authenticate': 'ntlm-authenticate',
    'chromium-ntlm-negotiate': 'ntlm-negotiate',
    'chromium-ntlm-min-challenge': 'ntlm-challenge',
    'chromium-ntlm-ess-authenticate': 'ntlm-authenticate',
    'chromium-ntlmv2-authenticate-cbt-mic': 'ntlm-authenticate',
    'chromium-ntlmv2-authenticate-cbt-zero': 'ntlm-authenticate',
    'pyspnego-ntlm-negotiate': 'ntlm-negotiate',
    'pyspnego-ntlm-challenge': 'ntlm-challenge',
    'pyspnego-ntlm-authenticate': 'ntlm-authenticate',
    'pyspnego-ntlm-authenticate-no-sign-seal': 'ntlm-authenticate',
    'curl-test91-ntlm-negotiate': 'ntlm-negotiate',
    'curl-test91-ntlm-challenge': 'ntlm-challenge',
    'curl-test91-ntlm-authenticate': 'ntlm-authenticate',
    'curl-test2025-ntlm-challenge-no-targetinfo': 'ntlm-challenge',
    'waffle-ntlm-negotiate-oem-domain-workstation': 'ntlm-negotiate',
    'waffle-spnego-init-ntlm-4mechs': 'spnego-init > ntlm-negotiate',
    'kerberosnet-ntlm-negotiate-version': 'ntlm-negotiate',
    'kerberosnet-spnego-init-ntlm': 'spnego-init > ntlm-negotiate',
    'impacket-spnego-init-negoex-ntlm-no-token': 'spnego-init',
    'impacket-spnego-init-ntlm-negotiate': 'spnego-init > ntlm-negotiate',
    'impacket-spnego-resp-incomplete-ntlm-challenge': 'spnego-resp > ntlm-challenge',
    'impacket-spnego-resp-ntlmv1-authenticate': 'spnego-resp > ntlm-authenticate',
    'impacket-spnego-resp-accept-completed-min': 'spnego-resp',
    'impacket-spnego-resp-request-mic': 'spnego-resp',
    'gokrb5-spnego-resp-reject': 'spnego-resp',
    'gokrb5-spnego-resp-accept-completed-krb5': 'spnego-resp',
    'gokrb5-spnego-resp-incomplete-krb5': 'spnego-resp',
    'gokrb5-spnego-init-mit-krb5-apreq': 'spnego-init > kerberos-ap-req',
    'pyspnego-spnego-init-krb5-apreq': 'spnego-init > kerberos-ap-req',
    'pyspnego-spnego-init2-neghints': 'spnego-init',
    'pyspnego-spnego-resp-completed-aprep': 'spnego-resp > kerberos-ap-rep',
    'pyspnego-gss-krb5-apreq': 'kerberos-ap-req',
    'pyspnego-gss-krb5-aprep': 'kerberos-ap-rep',
    'syringe-spnego-init-ntlm-negotiate-version': 'spnego-init > ntlm-negotiate',
    'syringe-spnego-resp-incomplete-challenge-timestamp': 'spnego-resp > ntlm-challenge',
    'syringe-spnego-resp-ntlmv2-auth-mic-cbt0-mechlistmic': 'spnego-resp > ntlm-authenticate',
    'syringe-spnego-resp-ntlm-anonymous': 'spnego-resp > ntlm-authenticate',
    'syringe-spnego-resp-accept-completed-mechlistmic': 'spnego-resp',
    'syringe-spnego-init2-negoex-acceptor': 'spnego-init > negoex',
    'smbj-spnego-init-negoex-acceptor': 'spnego-init > negoex',
    'smbj-spnego-resp-incomplete-ntlm-challenge': 'spnego-resp',
    'gokrb5-gss-krb5-apreq': 'kerberos-ap-req',
    'gogssapi-gss-krb5-apreq-mit-reference': 'kerberos-ap-req',
    'gogssapi-gss-krb5-aprep-mit-reference': 'kerberos-ap-rep',
    'gogssapi-gss-krb5-krberror-mit-reference': 'kerberos-error',
    'kerberosnet-spnego-init-rc4-apreq-pac-claims': 'spnego-init > kerberos-ap-req',
    'kerberosnet-spnego-init-delegation-apreq': 'spnego-init > kerberos-ap-req',
    'kerberosnet-spnego-init-apreq-no-pac-logoninfo': 'spnego-init > kerberos-ap-req',
    'kerberosnet-gss-krb5-apreq-rc4': 'kerberos-ap-req',
    'kerberosnet-spnego-init-apreq-rc4': 'spnego-init > kerberos-ap-req',
    'kerberosnet-gss-krb5-apreq-aes128': 'kerberos-ap-req',
    'kerberosnet-spnego-init-apreq-aes128': 'spnego-init > kerberos-ap-req',
    'kerberosnet-gss-krb5-apreq-aes256': 'kerberos-ap-req',
    'kerberosnet-spnego-init-apreq-aes256': 'spnego-init > kerberos-ap-req',
    'kerberosnet-spnego-init-negoex-pku2u-initiator': 'spnego-init > negoex',
    'kerberosnet-gss-u2u-tgt-req': 'kerberos-tgt-req',
    'picky-gss-u2u-tgt-rep': 'kerberos-tgt-rep',
    'mit-reference-iakerb-header-raw': 'token-unrecognized',
    'mit-reference-krb-error-raw': 'kerberos-error',
    'pyspnego-krb-error-body-no-app-tag': 'token-unrecognized',
    'kerberosnet-krb-error-raw-preauth-required': 'kerberos-error',
    'picky-krb-error-raw-inapp-cksum': 'kerberos-error',
    'picky-krb-error-raw-client-unknown': 'kerberos-error',
    'mit-reference-as-req-raw': 'kerberos-as-req',
    'mit-reference-as-rep-raw': 'kerberos-as-rep',
    'mit-reference-tgs-req-raw': 'kerberos-tgs-req',
    'mit-reference-tgs-rep-raw': 'kerberos-tgs-rep',
    'krb5-iakerb-realm-query': 'iakerb',
    'krb5-iakerb-realm-response': 'iakerb',
    'picky-negoex-initiator-nego': 'negoex',
    'picky-negoex-initiator-meta-data': 'negoex',
    'picky-negoex-acceptor-meta-data': 'negoex',
    'picky-negoex-verify': 'negoex',
  };

  it('has an expectation for every public token', () => {
    expect(publicTokens.map((token) => token.name).sort()).toEqual(Object.keys(expectations).sort());
  });

  it.each(Object.entries(expectations))('%s', (name, expected) => {
    const result = decodeToken(publicToken(name));
    const inner = result.ok ? result.value.token.spnego?.inner?.kind : undefined;
    expect(result.ok ? `${result.value.token.kind}${inner ? ` > ${inner}` : ''}` : result.error.code).toBe(expected);
  });
});

describe('decodeToken — SPNEGO shapes built from RFC 4178 §4.2 and MS-SPNG §2.2.1', () => {
  const framed = (negotiationToken: Uint8Array) => base64(app(0, oid(OID_SPNEGO), negotiationToken));

  it('reads a Windows-style NegTokenInit: mechTypes in order, reqFlags, mechListMIC', () => {
    const token = framed(
      ctx(
        0,
        seq(
          ctx(0, seq(oid(OID_MS_KRB5), oid(OID_KRB5), oid(OID_NEGOEX), oid(OID_NTLMSSP))),
          ctx(1, bits(1, 0x62)),
          ctx(3, octets([1, 2, 3])),
        ),
      ),
    );
    const { value } = decoded(token);
    expect(value.token.kind).toBe('spnego-init');
    expect(value.token.mechanism).toBeNull();
    expect(value.token.spnego).toMatchObject({
      mechTypeNames: ['MS-KRB5', 'KRB5', 'NEGOEX', 'NTLMSSP'],
      reqFlags: ['mutualFlag', 'replayFlag', 'integFlag'],
      mechListMIC: true,
      negHints: null,
    });
  });

  it('reads NegTokenInit2 negHints (MS-SPNG §2.2.1) and its [4] mechListMIC', () => {
    const token = framed(
      ctx(0, seq(ctx(0, seq(oid(OID_NTLMSSP))), ctx(3, seq(ctx(0, gstring('not_defined_in_RFC4178@please_ignore')))), ctx(4, octets([0])))),
    );
    const { value } = decoded(token);
    expect(value.token.spnego).toMatchObject({
      negHints: { hintName: 'not_defined_in_RFC4178@please_ignore', hintAddress: false },
      mechListMIC: true,
    });
  });

  it.each([
    [1, 'accept-incomplete'],
    [2, 'reject'],
    [3, 'request-mic'],
  ])('reads negState %i as %s', (state, name) => {
    const { value } = decoded(base64(ctx(1, seq(ctx(0, enumerated(state)), ctx(1, oid(OID_NTLMSSP))))));
    expect(value.token.spnego?.negState).toBe(name);
    expect(value.token.mechanism).toBe('ntlm');
  });

  it('keeps the SPNEGO layer readable when the inner token is broken', () => {
    const result = decoded(
      base64(ctx(1, seq(ctx(0, enumerated(1)), ctx(2, octets([0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00, 9, 0, 0, 0]))))),
    );
    expect(result.value.token.spnego?.inner).toBeNull();
    expect(result.value.token.spnego?.innerError?.code).toBe('ntlm-bad-message-type');
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'spnego-inner-invalid', offset: 21 }));
  });
});

describe('decodeToken — Kerberos shapes built from RFC 4120', () => {
  it.each([
    [41, 'KRB_AP_ERR_MODIFIED'],
    [37, 'KRB_AP_ERR_SKEW'],
    [32, 'KRB_AP_ERR_TKT_EXPIRED'],
    [7, 'KDC_ERR_S_PRINCIPAL_UNKNOWN'],
    [99, 'KRB_ERR_UNKNOWN(99)'],
  ])('names KRB-ERROR code %i %s', (code, name) => {
    const token = base64(app(0, oid(OID_KRB5), [0x03, 0x00], krbError(code)));
    expect(decoded(token).value.token.kerberos).toMatchObject({ errorCode: code, errorName: name, sname: 'HTTP/intranet.lab.test' });
  });

  it('reads e-text and e-data, and warns when a raw Kerberos message has no GSS framing', () => {
    const result = decoded(base64(krbError(60, { extra: [ctx(11, gstring('clock is off')), ctx(12, octets([1]))] })));
    expect(result.value.token.kerberos).toMatchObject({ eText: 'clock is off', eData: true, errorName: 'KRB_ERR_GENERIC' });
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'krb-not-gss-framed' }));
  });

  it('warns about a TOK_ID that does not match the message', () => {
    const result = decoded(base64(app(0, oid(OID_KRB5), [0x01, 0x00], krbError(41))));
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'krb-token-id', offset: 13 }));
  });

  it('marks weak ticket encryption (RC4, RFC 8429)', () => {
    const result = decoded(base64(kerberosApReq(23)));
    expect(result.value.token.kerberos).toMatchObject({
      ticketEtypeName: 'rc4-hmac',
      ticketKvno: 4,
      mutualRequired: true,
      sname: 'HTTP/web',
    });
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'krb-weak-etype' }));
  });
});

describe('decodeToken — malformed input tables', () => {
  const real = Buffer.from(labToken('chromium-negotiate-ap-req'), 'base64');
  const tamper = (at: number, value: number) => {
    const copy = Uint8Array.from(real);
    copy[at] = value;
    return base64(copy);
  };
  it.each([
    ['empty input', '', 'token-empty', 0],
    ['not base64', 'YII*', 'base64-invalid-char', 3],
    ['garbage bytes', base64(Uint8Array.from([0x13, 0x37, 0x00])), 'token-unrecognized', 0],
    ['a truncated AP-REQ', base64(real.subarray(0, 200)), 'der-past-end', 0],
    ['an indefinite GSS frame length', tamper(1, 0x80), 'der-indefinite-length', 1],
    ['a 5-byte length-of-length', tamper(1, 0x85), 'der-length-too-long', 1],
    ['trailing bytes after the token', base64(Uint8Array.from([...real, 0])), 'token-trailing-data', real.length],
    ['an unknown GSS mechanism', base64(app(0, oid('1.2.3.4'), [0])), 'gss-unknown-mech', 2],
    ['a NegotiationToken [5]', base64(app(0, oid(OID_SPNEGO), ctx(5, seq()))), 'spnego-bad-choice', 10],
    ['an AP-REQ without its ticket', base64(app(14, seq(ctx(0, int(5)), ctx(1, int(14)), ctx(2, bits(0, 0))))), 'krb-missing-field', 2],
    ['a field repeated', base64(ctx(1, seq(ctx(0, enumerated(0)), ctx(0, enumerated(0))))), 'der-duplicate-field', 9],
    ['an unknown APPLICATION tag', base64(tlv(0x65, [])), 'token-unrecognized', 0],
  ])('rejects %s', (_, token, code, offset) => {
    expect(decodeToken(token)).toEqual({ ok: false, error: expect.objectContaining({ code, offset }) });
  });
});

describe('prefixHintOf', () => {
  it.each([
    ['TlRMTVNTUAAB', 'ntlm'],
    ['YIIC9AYGKwYB', 'spnego-or-kerberos'],
    ['YEgGBisGAQUF', 'spnego-or-kerberos'],
    ['oRQwEqADCgEA', 'spnego-resp'],
    ['oYG3MIG0oAMK', 'spnego-resp'],
    ['Zm9v', null],
  ])('%s → %s', (text, hint) => expect(prefixHintOf(text)).toBe(hint));
});
