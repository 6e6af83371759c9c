import { describe, expect, it } from 'vitest';
import { decodeToken } from '../../../../src/core/decode/token/decode';
import { OID_KRB5, OID_KRB5_USER_TO_USER } from '../../../../src/core/decode/gssapi/oids';
import { app, bits, ctx, gstring, gtime, int, oid, principal, seq } from '../../../helpers/der';
import { base64 } from '../../../helpers/fixtures';
import { krbError } from '../../../helpers/tokens';
import { publicToken } from '../../../helpers/public-tokens';

const kerberosOf = (token: string) => {
  const result = decodeToken(token);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value.token.kerberos;
};

describe('readKerberosMessage — KRB-ERROR client and sender', () => {
  it('reads crealm and cname from public KRB-ERRORs and leaves them null when absent', () => {
    expect(kerberosOf(publicToken('picky-krb-error-raw-client-unknown'))).toMatchObject({ cname: 'bad_user', crealm: 'EXAMPLE.COM' });
    expect(kerberosOf(publicToken('gogssapi-gss-krb5-krberror-mit-reference'))).toMatchObject({
      cname: 'hftsai/extra',
      crealm: 'ATHENA.MIT.EDU',
    });
    expect(kerberosOf(publicToken('kerberosnet-krb-error-raw-preauth-required'))).toMatchObject({ cname: null, crealm: null });
  });

  it.each([
    ['KDC_ERR_* from the KDC', 7, principal(2, 'krbtgt', 'LAB.TEST'), 'kdc'],
    ['KRB_AP_ERR_* from the server that got the AP-REQ', 41, principal(2, 'HTTP', 'web.lab.test'), 'server'],
    ['KRB_AP_ERR_* naming krbtgt: the KDC checking a TGS-REQ’s TGT (RFC 4120 §3.3.2)', 37, principal(2, 'krbtgt', 'LAB.TEST'), 'kdc'],
    ['KRB_ERR_GENERIC from either', 60, principal(2, 'HTTP', 'web.lab.test'), null],
  ])('knows who sent it: %s', (_, code, sname, from) => {
    const client = [ctx(7, gstring('LAB.TEST')), ctx(8, principal(1, 'alice'))];
    expect(kerberosOf(base64(krbError(code, { sname, client })))).toMatchObject({ errorFrom: from, cname: 'alice', crealm: 'LAB.TEST' });
  });

  it('refuses a cname that is not a PrincipalName, with its offset', () => {
    const token = krbError(6, { sname: principal(2, 'krbtgt', 'LAB.TEST'), client: [ctx(8, gstring('alice'))] });
    expect(decodeToken(base64(token))).toEqual({ ok: false, error: expect.objectContaining({ code: 'der-unexpected-tag', offset: 45 }) });
  });
});

describe('readKerberosMessage — KDC messages (RFC 4120 §5.4.1, §5.4.2; MIT ASN.1 reference encodings)', () => {
  it('reads the AS-REQ and TGS-REQ: client, realm, server and the etypes asked for, in order', () => {
    const expected = { realm: 'ATHENA.MIT.EDU', sname: 'hftsai/extra', cname: 'hftsai/extra', requestedEtypes: [0, 1] };
    expect(kerberosOf(publicToken('mit-reference-as-req-raw'))).toMatchObject({ message: 'as-req', crealm: 'ATHENA.MIT.EDU', ...expected });
    // In a TGS-REQ the body's realm is the server's only (RFC 4120 §5.4.1).
    expect(kerberosOf(publicToken('mit-reference-tgs-req-raw'))).toMatchObject({ message: 'tgs-req', crealm: null, ...expected });
  });

  it('reads the AS-REP and TGS-REP: client, the ticket’s realm, server, etype and kvno, the enc-part etype', () => {
    for (const [name, message] of [
      ['mit-reference-as-rep-raw', 'as-rep'],
      ['mit-reference-tgs-rep-raw', 'tgs-rep'],
    ] as const) {
      expect(kerberosOf(publicToken(name))).toMatchObject({
        message,
        crealm: 'ATHENA.MIT.EDU',
        cname: 'hftsai/extra',
        realm: 'ATHENA.MIT.EDU',
        sname: 'hftsai/extra',
        ticketEtype: 0,
        ticketKvno: 5,
        encEtype: 0,
      });
    }
  });

  /** KDC-REQ ::= SEQUENCE { pvno [1], msg-type [2], padata [3] OPTIONAL, req-body [4] }. */
  const asReq = (body: Uint8Array[]) => app(10, seq(ctx(1, int(5)), ctx(2, int(10)), ctx(4, seq(...body))));
  const body = [
    ctx(0, bits(0, 0x40, 0, 0, 0)),
    ctx(1, principal(1, 'alice')),
    ctx(2, gstring('LAB.TEST')),
    ctx(3, principal(2, 'krbtgt', 'LAB.TEST')),
    ctx(5, gtime('20370913024805Z')),
    ctx(7, int(1234)),
    ctx(8, seq(int(18), int(17), int(23))),
  ];

  it('reads an AS-REQ built from the ASN.1 and keeps the etype list’s byte range', () => {
    const result = decodeToken(base64(asReq(body)));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.token.kind).toBe('kerberos-as-req');
    expect(result.value.token.kerberos).toMatchObject({ cname: 'alice', crealm: 'LAB.TEST', requestedEtypes: [18, 17, 23] });
    expect(result.value.token.kerberos?.spans['requestedEtypes']).toEqual([117, 128]);
  });

  it.each([
    ['an AS-REQ without its req-body', app(10, seq(ctx(1, int(5)), ctx(2, int(10)))), 'krb-missing-field', 2],
    ['an AS-REQ body without its etype list', asReq(body.slice(0, 6)), 'krb-missing-field', 16],
    ['an AS-REQ etype list that is not a SEQUENCE', asReq([...body.slice(0, 6), ctx(8, int(18))]), 'der-unexpected-tag', 117],
    [
      'an AS-REP without its ticket',
      app(11, seq(ctx(0, int(5)), ctx(1, int(11)), ctx(3, gstring('LAB.TEST')), ctx(4, principal(1, 'alice')))),
      'krb-missing-field',
      2,
    ],
  ])('rejects %s', (_, token, code, offset) => {
    expect(decodeToken(base64(token))).toEqual({ ok: false, error: expect.objectContaining({ code, offset }) });
  });
});

describe('readUserToUserMessage — KRB_TGT_REQ / KRB_TGT_REP (draft-swift-win2k-krb-user2user)', () => {
  it('names the public TGT-REQ by its OID and TOK_ID 04 00: the server name and realm', () => {
    const result = decodeToken(publicToken('kerberosnet-gss-u2u-tgt-req'));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.token).toMatchObject({ kind: 'kerberos-tgt-req', mechanism: 'kerberos', gssMech: OID_KRB5_USER_TO_USER });
    expect(result.value.token.kerberos).toMatchObject({
      message: 'tgt-req',
      sname: 'administrator',
      realm: 'corp.identityintervention.com',
    });
    expect(result.warnings).toEqual([]);
  });

  it('names the public TGT-REP by its TOK_ID 04 01: the krbtgt ticket it carries', () => {
    const result = decodeToken(publicToken('picky-gss-u2u-tgt-rep'));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.token.kind).toBe('kerberos-tgt-rep');
    expect(result.value.token.kerberos).toMatchObject({
      sname: 'krbtgt/EXAMPLE.COM',
      realm: 'EXAMPLE.COM',
      ticketEtype: 18,
      ticketKvno: 2,
    });
  });

  const tgtReq = seq(ctx(0, int(5)), ctx(1, int(16)), ctx(3, gstring('LAB.TEST')));
  const framed = (mech: string, tokenId: number[], message: Uint8Array) => base64(app(0, oid(mech), tokenId, message));

  it('warns when a TGT request travels under the wrong TOK_ID or msg-type', () => {
    const wrongMsgType = seq(ctx(0, int(5)), ctx(1, int(17)));
    const tgtRep = decodeToken(framed(OID_KRB5_USER_TO_USER, [0x04, 0x00], wrongMsgType));
    expect(tgtRep.ok && tgtRep.warnings).toEqual([expect.objectContaining({ code: 'krb-msg-type', offset: 16 })]);
    const apReqId = decodeToken(framed(OID_KRB5, [0x01, 0x00], tgtReq));
    expect(apReqId).toEqual({ ok: false, error: expect.objectContaining({ code: 'krb-unknown-message', offset: 15 }) });
  });

  it('rejects a TGT reply without its ticket, with the offset of the SEQUENCE', () => {
    const noTicket = seq(ctx(0, int(5)), ctx(1, int(17)));
    expect(decodeToken(framed(OID_KRB5_USER_TO_USER, [0x04, 0x01], noTicket))).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'krb-missing-field', offset: 16 }),
    });
  });
});
