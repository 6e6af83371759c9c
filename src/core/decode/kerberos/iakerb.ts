// IAKERB-HEADER (draft-ietf-kitten-iakerb-03 §3): the realm the client wants a ticket from and the acceptor's cookie,
// in front of the KDC message the acceptor relays for a client that cannot reach a KDC itself.
import { type DerReader, type Tlv, UniversalTag } from '../asn1/der';
import { type ByteRange, abort, problem } from '../result';

/** TOK_ID of an IAKERB_PROXY token, draft-ietf-kitten-iakerb-03 §3. */
export const IAKERB_PROXY_TOKEN_ID = 0x0501;

/** A decoded IAKERB-HEADER. */
export interface IakerbHeader {
  /** The realm of the KDC the acceptor should relay to; empty in a realm-discovery request (§3.1). */
  readonly targetRealm: string;
  /** The acceptor's opaque cookie, which the client copies into its next message. */
  readonly cookie: boolean;
  readonly spans: Readonly<Record<string, ByteRange>>;
}

/** IAKERB-HEADER ::= SEQUENCE { target-realm [1] UTF8String, cookie [2] OCTET STRING OPTIONAL, ... }. */
export function readIakerbHeader(reader: DerReader, tlv: Tlv, depth: number): IakerbHeader {
  const fields = reader.taggedFields(tlv, depth, 'IAKERB-HEADER');
  const realm = fields[1];
  if (!realm) abort('krb-missing-field', 'IAKERB-HEADER: required field target-realm [1] is missing', tlv.start);
  if (realm.tagNumber !== UniversalTag.UTF8String) {
    // MIT krb5's first IAKERB wrote an OCTET STRING here; the draft (and MIT since) a UTF8String.
    reader.warnings.push(
      problem('iakerb-realm-type', `IAKERB-HEADER target-realm is universal [${realm.tagNumber}], not a UTF8String`, realm.start),
    );
  }
  const cookie = fields[2];
  if (cookie) reader.octetString(cookie, 'IAKERB-HEADER cookie');
  const spans: Record<string, ByteRange> = { targetRealm: [realm.start, realm.end] };
  if (cookie) spans['cookie'] = [cookie.start, cookie.end];
  return { targetRealm: reader.string(realm, 'target-realm'), cookie: cookie !== undefined, spans };
}
