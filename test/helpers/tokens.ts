// Tokens built from their specifications, for cases the lab cannot produce (NTLMv1, anonymous NTLM, RC4 tickets).
import { OID_MS_KRB5 } from '../../src/core/decode/gssapi/oids';
import { app, bits, ctx, gstring, gtime, int, octets, oid, principal, seq } from './der';
import { hex } from './fixtures';

/** NTLM AUTHENTICATE (MS-NLMP §2.2.1.3) with given LM/NT response lengths and a 72-byte header (no MIC). */
export function ntlmAuthenticate(lmLength: number, ntLength: number): Uint8Array {
  const header = 72;
  const message = new Uint8Array(header + lmLength + ntLength);
  const view = new DataView(message.buffer);
  message.set(hex('4e544c4d53535000 03000000'));
  const buffer = (field: number, length: number, offset: number) => {
    view.setUint16(field, length, true);
    view.setUint16(field + 2, length, true);
    view.setUint32(field + 4, offset, true);
  };
  buffer(12, lmLength, header);
  buffer(20, ntLength, header + lmLength);
  for (const field of [28, 36, 44, 52]) buffer(field, 0, header);
  view.setUint32(60, 0x00000a01, true);
  return message;
}

/** A GSS-framed Kerberos AP-REQ (RFC 4120 §5.5.1) whose ticket is encrypted with `etype` (23 = rc4-hmac). */
export function kerberosApReq(etype: number, service = 'web', mutualRequired = true): Uint8Array {
  const ticket = app(
    1,
    seq(
      ctx(0, int(5)),
      ctx(1, gstring('LAB.TEST')),
      ctx(2, principal(3, 'HTTP', service)),
      ctx(3, seq(ctx(0, int(etype)), ctx(1, int(4)), ctx(2, octets([0])))),
    ),
  );
  const apReq = app(
    14,
    seq(
      ctx(0, int(5)),
      ctx(1, int(14)),
      ctx(2, bits(0, mutualRequired ? 0x20 : 0, 0, 0, 0)),
      ctx(3, ticket),
      ctx(4, seq(ctx(0, int(etype)), ctx(2, octets([0])))),
    ),
  );
  return app(0, oid(OID_MS_KRB5), [0x01, 0x00], apReq);
}

/** A raw KRB-ERROR (RFC 4120 §5.9.1) of realm LAB.TEST: `client` adds crealm [7] / cname [8], `extra` e-text [11] /
 *  e-data [12]. */
export function krbError(
  code: number,
  {
    sname = principal(2, 'HTTP', 'intranet.lab.test'),
    client = [],
    extra = [],
  }: { sname?: Uint8Array; client?: Uint8Array[]; extra?: Uint8Array[] } = {},
): Uint8Array {
  return app(
    30,
    seq(
      ctx(0, int(5)),
      ctx(1, int(30)),
      ctx(4, gtime('20261122030341Z')),
      ctx(5, int(0)),
      ctx(6, int(code)),
      ...client,
      ctx(9, gstring('LAB.TEST')),
      ctx(10, sname),
      ...extra,
    ),
  );
}
