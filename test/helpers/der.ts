// A tiny DER writer for building synthetic vectors from the RFC 4178 / MS-SPNG / RFC 4120 ASN.1 definitions.
import { encodeOidContent } from '../../src/core/decode/asn1/der';

function length(size: number): number[] {
  if (size < 0x80) return [size];
  const bytes: number[] = [];
  for (let rest = size; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

/** A TLV with the given identifier byte. */
export function tlv(identifier: number, ...content: (Uint8Array | number[])[]): Uint8Array {
  const body = content.flatMap((part) => [...part]);
  return Uint8Array.from([identifier, ...length(body.length), ...body]);
}

export const seq = (...content: Uint8Array[]) => tlv(0x30, ...content);
export const ctx = (tag: number, ...content: Uint8Array[]) => tlv(0xa0 | tag, ...content);
export const app = (tag: number, ...content: (Uint8Array | number[])[]) => tlv(0x60 | tag, ...content);
export const int = (value: number) => tlv(0x02, value < 0x80 ? [value] : [value >> 8, value & 0xff]);
export const enumerated = (value: number) => tlv(0x0a, [value]);
export const octets = (bytes: Uint8Array | number[]) => tlv(0x04, bytes);
export const gstring = (text: string) => tlv(0x1b, [...new TextEncoder().encode(text)]);
export const gtime = (text: string) => tlv(0x18, [...new TextEncoder().encode(text)]);
export const bits = (unused: number, ...bytes: number[]) => tlv(0x03, [unused, ...bytes]);

/** OBJECT IDENTIFIER from dotted text (X.690 §8.19). */
export const oid = (dotted: string) => tlv(0x06, encodeOidContent(dotted));

/** KerberosPrincipalName { name-type, name-string }. */
export function principal(nameType: number, ...parts: string[]): Uint8Array {
  return seq(ctx(0, int(nameType)), ctx(1, seq(...parts.map(gstring))));
}
