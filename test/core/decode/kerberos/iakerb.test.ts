import { describe, expect, it } from 'vitest';
import { OID_IAKERB, OID_KRB5, OID_SPNEGO } from '../../../../src/core/decode/gssapi/oids';
import { decodeToken } from '../../../../src/core/decode/token/decode';
import { summarizeToken } from '../../../../src/core/decode/token/summary';
import { tokenVerdict } from '../../../../src/core/report/token-verdict';
import { app, ctx, enumerated, octets, oid, seq, tlv } from '../../../helpers/der';
import { base64 } from '../../../helpers/fixtures';
import { publicToken } from '../../../helpers/public-tokens';
import { kerberosApReq } from '../../../helpers/tokens';

const decoded = (token: string) => {
  const result = decodeToken(token);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result;
};
const bytesOf = (name: string) => Uint8Array.from(Buffer.from(publicToken(name), 'base64'));
const utf8 = (text: string) => tlv(0x0c, [...new TextEncoder().encode(text)]);

/** IAKERB_PROXY, draft-ietf-kitten-iakerb-03 §3: GSS framing with the IAKERB OID, TOK_ID 05 01, header, KDC message. */
const iakerb = (header: Uint8Array, message: Uint8Array[] = [], mech = OID_IAKERB) => app(0, oid(mech), [0x05, 0x01], header, ...message);
/** IAKERB-HEADER ::= SEQUENCE { target-realm [1] UTF8String, cookie [2] OCTET STRING OPTIONAL }. */
const header = (realm: string, cookie?: number[]) => seq(ctx(1, utf8(realm)), ...(cookie ? [ctx(2, octets(cookie))] : []));
const negTokenInit = (inner: Uint8Array) => app(0, oid(OID_SPNEGO), ctx(0, seq(ctx(0, seq(oid(OID_IAKERB))), ctx(2, octets(inner)))));
const negTokenResp = (inner: Uint8Array) => ctx(1, seq(ctx(0, enumerated(1)), ctx(1, oid(OID_IAKERB)), ctx(2, octets(inner))));

describe('IAKerb tokens (draft-ietf-kitten-iakerb-03 §3)', () => {
  it('reads MIT krb5’s realm-discovery query and answer: a header and no Kerberos message (§3.1)', () => {
    const query = decoded(publicToken('krb5-iakerb-realm-query'));
    expect(query.value.token).toMatchObject({ kind: 'iakerb', mechanism: 'kerberos', gssMech: OID_IAKERB, kerberos: null });
    expect(query.value.token.iakerb).toMatchObject({ targetRealm: '', cookie: false });
    expect(query.warnings).toEqual([]);
    expect(decoded(publicToken('krb5-iakerb-realm-response')).value.token.iakerb).toMatchObject({
      targetRealm: 'KRBTEST.COM',
      spans: { targetRealm: [16, 29] },
    });
  });

  it('reads the KDC message it relays: the public MIT reference AS-REQ behind a header with a cookie', () => {
    const token = decoded(base64(iakerb(header('ATHENA.MIT.EDU', [1, 2, 3]), [bytesOf('mit-reference-as-req-raw')])));
    expect(token.value.token.iakerb).toMatchObject({ targetRealm: 'ATHENA.MIT.EDU', cookie: true });
    expect(token.value.token.kerberos).toMatchObject({ message: 'as-req', cname: 'hftsai/extra', realm: 'ATHENA.MIT.EDU' });
    expect(token.warnings).toEqual([]);
  });

  it.each([
    ['mit-reference-as-req-raw', 'as-req', 'An IAKerb AS-REQ: the client asks the KDC for a ticket-granting ticket through the server'],
    ['mit-reference-tgs-req-raw', 'tgs-req', 'An IAKerb TGS-REQ: the client asks the KDC for a service ticket through the server'],
  ])('recognises an IAKerb %s as SPNEGO’s mechToken, not an invalid token', (name, relayed, sentence) => {
    const token = base64(negTokenInit(iakerb(header('ATHENA.MIT.EDU'), [bytesOf(name)])));
    const result = decoded(token);
    expect(result.value.token.spnego?.inner).toMatchObject({ kind: 'iakerb', kerberos: { message: relayed } });
    expect(result.warnings).toEqual([]);
    const summary = summarizeToken(token);
    expect(summary).toMatchObject({ kind: 'spnego-init', innerKind: 'iakerb', mechanism: 'kerberos', relayed });
    expect(tokenVerdict(summary)).toEqual({ tone: 'note', text: expect.stringContaining(sentence) });
  });

  it.each([
    ['mit-reference-as-rep-raw', 'as-rep'],
    ['mit-reference-tgs-rep-raw', 'tgs-rep'],
    ['mit-reference-krb-error-raw', 'krb-error'],
  ])('recognises the server relaying the KDC’s %s as SPNEGO’s responseToken', (name, relayed) => {
    const result = decoded(base64(negTokenResp(iakerb(header('ATHENA.MIT.EDU'), [bytesOf(name)]))));
    expect(result.value.token).toMatchObject({ kind: 'spnego-resp', mechanism: 'kerberos' });
    expect(result.value.token.spnego?.inner).toMatchObject({ kind: 'iakerb', kerberos: { message: relayed } });
  });

  it('warns, but reads, the OCTET STRING target-realm of MIT’s first IAKERB (MIT reference IAKERB-HEADER)', () => {
    const result = decoded(base64(iakerb(bytesOf('mit-reference-iakerb-header-raw'))));
    expect(result.value.token.iakerb).toMatchObject({ targetRealm: 'krb5data', cookie: true });
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'iakerb-realm-type', offset: 16 })]);
  });

  it('warns about TOK_ID 05 01 under the KRB5 OID', () => {
    const result = decoded(base64(iakerb(header('LAB.TEST'), [], OID_KRB5)));
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'krb-token-id', offset: 13 })]);
  });

  const realmQuery = bytesOf('krb5-iakerb-realm-query');
  it.each([
    [
      'an AP-REQ where a KDC message belongs',
      iakerb(header('LAB.TEST'), [kerberosApReq(18).subarray(15)]),
      'iakerb-unexpected-message',
      26,
    ],
    ['a header without target-realm', iakerb(seq(ctx(2, octets([1])))), 'krb-missing-field', 12],
    ['a cookie that is not an OCTET STRING', iakerb(seq(ctx(1, utf8('A')), ctx(2, utf8('B')))), 'der-unexpected-tag', 21],
    [
      'bytes after the relayed message',
      iakerb(header('A'), [bytesOf('mit-reference-krb-error-raw'), Uint8Array.of(0)]),
      'token-trailing-data',
      209,
    ],
    ['a header cut short', realmQuery.subarray(0, 16).map((byte, index) => (index === 1 ? 14 : byte)), 'der-past-end', 12],
    ['a token with TOK_ID and nothing else', app(0, oid(OID_IAKERB), [0x05, 0x01]), 'der-past-end', 12],
  ])('rejects %s, with the offset', (_, token, code, offset) => {
    expect(decodeToken(base64(token))).toEqual({ ok: false, error: expect.objectContaining({ code, offset }) });
  });

  it('keeps the SPNEGO answer readable when its IAKerb token is broken', () => {
    const result = decoded(base64(negTokenResp(iakerb(seq(ctx(2, octets([1])))))));
    expect(result.value.token.spnego?.innerError).toMatchObject({ code: 'krb-missing-field' });
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'spnego-inner-invalid' }));
  });
});
