// GSS-API mechanism OIDs seen in HTTP Negotiate, with names and the mechanism each one means.
import { DerReader, internOids } from '../asn1/der';
import { decodeBase64 } from '../bytes/base64';
import { guard } from '../result';

export const OID_SPNEGO = '1.3.6.1.5.5.2';
export const OID_KRB5 = '1.2.840.113554.1.2.2';
export const OID_MS_KRB5 = '1.2.840.48018.1.2.2';
export const OID_KRB5_USER_TO_USER = '1.2.840.113554.1.2.2.3';
export const OID_IAKERB = '1.3.6.1.5.2.5';
export const OID_NTLMSSP = '1.3.6.1.4.1.311.2.2.10';
export const OID_NEGOEX = '1.3.6.1.4.1.311.2.2.30';

export type Mechanism = 'kerberos' | 'ntlm';

// A Map: OID strings contain dots, which push a plain object into slow dictionary lookups.
const MECHANISMS: ReadonlyMap<string, readonly [name: string, mechanism: Mechanism | null]> = new Map([
  [OID_SPNEGO, ['SPNEGO', null]],
  // MS-KRB5 is the OID Windows clients list first (a historical mis-encoding of KRB5, MS-SPNG §3.3.5.2).
  [OID_MS_KRB5, ['MS-KRB5', 'kerberos']],
  [OID_KRB5, ['KRB5', 'kerberos']],
  [OID_KRB5_USER_TO_USER, ['KRB5-U2U', 'kerberos']],
  [OID_IAKERB, ['IAKERB', 'kerberos']],
  [OID_NTLMSSP, ['NTLMSSP', 'ntlm']],
  [OID_NEGOEX, ['NEGOEX', null]],
]);

internOids([...MECHANISMS.keys()]);

/** Readable name of a mechanism OID, or the OID itself. */
export function mechanismOidName(oid: string): string {
  return MECHANISMS.get(oid)?.[0] ?? oid;
}

/** Which mechanism an OID stands for (Kerberos variants, NTLM), or null. */
export function mechanismOfOid(oid: string | null): Mechanism | null {
  return oid === null ? null : (MECHANISMS.get(oid)?.[1] ?? null);
}

/** The dotted OID whose content octets are given in base64 (how Chromium's NetLog writes a gss_OID), or null. */
export function oidOfBase64Content(base64: string): string | null {
  const content = decodeBase64(base64);
  if (!content.ok || content.value.length === 0 || content.value.length > 127) return null;
  const element = Uint8Array.of(0x06, content.value.length, ...content.value);
  const decoded = guard((warnings) => {
    const reader = new DerReader(element, warnings);
    return reader.oid(reader.readTlv(0, element.length, 0), 'NetLog OID');
  });
  return decoded.ok ? decoded.value : null;
}
