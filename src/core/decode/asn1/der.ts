// A bounded ASN.1 DER reader (X.690 §8, §10) for the few structures SPNEGO and Kerberos use.
// Written here rather than taken from a library: we need ~200 lines, absolute byte offsets for hex
// highlighting, and these guarantees — depth limit, length-of-length ≤ 4, no indefinite length,
// past-end and size-mismatch checks — without adding a general ASN.1 toolkit to the panel bundle.
import { decodeUtf8 } from '../bytes/text';
import { type Problem, abort, problem } from '../result';

/** Deepest nesting we follow; Kerberos AP-REQ inside SPNEGO needs about 12. */
export const MAX_DER_DEPTH = 32;

export type TagClass = 'universal' | 'application' | 'context' | 'private';

/** One tag-length-value element; offsets are absolute in the reader's buffer. */
export interface Tlv {
  readonly tagClass: TagClass;
  readonly constructed: boolean;
  readonly tagNumber: number;
  readonly start: number;
  readonly valueStart: number;
  readonly end: number;
}

const TAG_CLASSES: readonly TagClass[] = ['universal', 'application', 'context', 'private'];

/** OIDs registered by their users (GSS mechanisms): matched by bytes and returned as one shared string. */
const internedOids: { readonly encoded: Uint8Array; readonly dotted: string }[] = [];

/** Registers OIDs that `oid()` should recognise without rebuilding their text (hot: every SPNEGO token). */
export function internOids(dotted: readonly string[]): void {
  for (const text of dotted) internedOids.push({ encoded: encodeOidContent(text), dotted: text });
}

/** The content octets of an OID (X.690 §8.19), e.g. "1.3.6.1.5.5.2" → 2b 06 01 05 05 02. */
export function encodeOidContent(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const subidentifiers = [40 * (arcs[0] ?? 0) + (arcs[1] ?? 0), ...arcs.slice(2)];
  const bytes: number[] = [];
  for (const value of subidentifiers) {
    const digits = [value & 0x7f];
    for (let rest = Math.floor(value / 128); rest > 0; rest = Math.floor(rest / 128)) digits.unshift((rest & 0x7f) | 0x80);
    bytes.push(...digits);
  }
  return Uint8Array.from(bytes);
}

/** Universal tag numbers we read (X.680 §8.4). */
export const UniversalTag = {
  INTEGER: 2,
  BIT_STRING: 3,
  OCTET_STRING: 4,
  OID: 6,
  ENUMERATED: 10,
  UTF8String: 12,
  SEQUENCE: 16,
  IA5String: 22,
  GeneralizedTime: 24,
  GeneralString: 27,
} as const;

/** The explicitly tagged fields of a SEQUENCE, indexed by tag number; absent fields are undefined. */
export type TaggedFields = readonly (Tlv | undefined)[];

/** Reads DER over one buffer; collects non-fatal findings into `warnings`. */
export class DerReader {
  constructor(
    readonly bytes: Uint8Array,
    readonly warnings: Problem[],
  ) {}

  /** Reads the element starting at `at`, which must end by `limit`. */
  readTlv(at: number, limit: number, depth: number): Tlv {
    if (depth > MAX_DER_DEPTH) abort('der-depth', `ASN.1 nesting deeper than ${MAX_DER_DEPTH} levels`, at);
    const bytes = this.bytes;
    if (at >= limit) abort('der-past-end', 'expected an ASN.1 element but the data ended', at);
    const identifier = bytes[at] as number;
    let tagNumber = identifier & 0x1f;
    let cursor = at + 1;
    if (tagNumber === 0x1f) {
      // High-tag-number form (X.690 §8.1.2.4): base-128 digits; we accept up to 4 of them.
      tagNumber = 0;
      for (let digits = 0; ; digits++) {
        if (digits === 4) abort('der-tag-too-long', 'ASN.1 tag number longer than 4 bytes', at);
        if (cursor >= limit) abort('der-past-end', 'ASN.1 tag number runs past the end', cursor);
        const digit = bytes[cursor++] as number;
        tagNumber = tagNumber * 128 + (digit & 0x7f);
        if ((digit & 0x80) === 0) break;
      }
    }
    if (cursor >= limit) abort('der-past-end', 'ASN.1 length is missing', cursor);
    const first = bytes[cursor++] as number;
    let length = first;
    if (first === 0x80) {
      abort('der-indefinite-length', 'indefinite length is not allowed in DER (X.690 §10.1)', cursor - 1);
    } else if (first > 0x80) {
      const lengthOfLength = first & 0x7f;
      if (lengthOfLength > 4) {
        abort('der-length-too-long', `length-of-length ${lengthOfLength} exceeds 4 bytes`, cursor - 1);
      }
      if (cursor + lengthOfLength > limit) abort('der-past-end', 'ASN.1 length bytes run past the end', cursor);
      length = 0;
      for (let index = 0; index < lengthOfLength; index++) length = length * 256 + (bytes[cursor++] as number);
      if (length < 0x80 || (lengthOfLength > 1 && bytes[cursor - lengthOfLength] === 0)) {
        this.warnings.push(problem('der-non-minimal-length', 'length is not in minimal DER form (X.690 §10.1)', at));
      }
    }
    const end = cursor + length;
    if (end > limit) {
      abort('der-past-end', `element of ${length} byte(s) at ${at} runs past the end of its container (${limit})`, at);
    }
    return {
      tagClass: TAG_CLASSES[identifier >> 6] as TagClass,
      constructed: (identifier & 0x20) !== 0,
      tagNumber,
      start: at,
      valueStart: cursor,
      end,
    };
  }

  /** The elements directly inside a constructed element. */
  children(parent: Tlv, depth: number): Tlv[] {
    if (!parent.constructed) abort('der-not-constructed', 'expected a constructed ASN.1 element', parent.start);
    const items: Tlv[] = [];
    for (let at = parent.valueStart; at < parent.end;) {
      const child = this.readTlv(at, parent.end, depth + 1);
      items.push(child);
      at = child.end;
    }
    return items;
  }

  /** Aborts unless the element has the given class, number and form. */
  expect(tlv: Tlv, tagClass: TagClass, tagNumber: number, what: string): Tlv {
    if (tlv.tagClass !== tagClass || tlv.tagNumber !== tagNumber) {
      abort('der-unexpected-tag', `${what}: expected ${tagClass} [${tagNumber}], found ${tlv.tagClass} [${tlv.tagNumber}]`, tlv.start);
    }
    return tlv;
  }

  /**
   * The explicitly tagged fields `[n]` of a SEQUENCE (the RFC 4120 / RFC 4178 style), each unwrapped to its
   * single inner element. Unknown tags are kept; a repeated tag is an error.
   */
  taggedFields(sequence: Tlv, depth: number, what: string): TaggedFields {
    this.expect(sequence, 'universal', UniversalTag.SEQUENCE, what);
    // A sparse array indexed by tag: the structures we read have at most 13 fields, and arrays beat Maps here.
    const fields: (Tlv | undefined)[] = [];
    let previous = -1;
    for (const wrapper of this.children(sequence, depth)) {
      if (wrapper.tagClass !== 'context' || !wrapper.constructed) {
        abort('der-unexpected-tag', `${what}: expected a context-tagged field`, wrapper.start);
      }
      if (fields[wrapper.tagNumber] !== undefined) {
        abort('der-duplicate-field', `${what}: field [${wrapper.tagNumber}] appears twice`, wrapper.start);
      }
      if (wrapper.tagNumber < previous) {
        this.warnings.push(problem('der-field-order', `${what}: field [${wrapper.tagNumber}] is out of order`, wrapper.start));
      }
      previous = wrapper.tagNumber;
      const inner = this.readTlv(wrapper.valueStart, wrapper.end, depth + 2);
      if (inner.end !== wrapper.end) {
        abort('der-size-mismatch', `${what}: field [${wrapper.tagNumber}] has data after its value`, inner.end);
      }
      fields[wrapper.tagNumber] = inner;
    }
    return fields;
  }

  /** The raw value bytes of an element. */
  value(tlv: Tlv): Uint8Array {
    return this.bytes.subarray(tlv.valueStart, tlv.end);
  }

  /** A signed INTEGER or ENUMERATED that fits in 48 bits (X.690 §8.3). */
  integer(tlv: Tlv, what: string): number {
    if (tlv.tagNumber !== UniversalTag.INTEGER && tlv.tagNumber !== UniversalTag.ENUMERATED) {
      this.expect(tlv, 'universal', UniversalTag.INTEGER, what);
    }
    const size = tlv.end - tlv.valueStart;
    if (size === 0) abort('der-bad-integer', `${what}: empty INTEGER`, tlv.start);
    if (size > 6) abort('der-integer-too-large', `${what}: INTEGER of ${size} bytes is too large`, tlv.start);
    let value = 0;
    for (let at = tlv.valueStart; at < tlv.end; at++) value = value * 256 + (this.bytes[at] as number);
    if (((this.bytes[tlv.valueStart] as number) & 0x80) !== 0) value -= 2 ** (8 * size);
    return value;
  }

  /** An OBJECT IDENTIFIER in dotted form (X.690 §8.19). */
  oid(tlv: Tlv, what: string): string {
    this.expect(tlv, 'universal', UniversalTag.OID, what);
    if (tlv.end === tlv.valueStart) abort('der-bad-oid', `${what}: empty OBJECT IDENTIFIER`, tlv.start);
    const interned = this.internedOid(tlv);
    if (interned !== null) return interned;
    let dotted = '';
    let arc = 0;
    for (let at = tlv.valueStart; at < tlv.end; at++) {
      const byte = this.bytes[at] as number;
      if (arc === 0 && byte === 0x80) abort('der-bad-oid', `${what}: OID arc has a leading 0x80 byte`, at);
      arc = arc * 128 + (byte & 0x7f);
      if (arc > Number.MAX_SAFE_INTEGER / 128) abort('der-bad-oid', `${what}: OID arc too large`, at);
      if ((byte & 0x80) === 0) {
        // The first subidentifier packs two arcs: 40 × first + second (X.690 §8.19.4).
        dotted += dotted === '' ? (arc < 80 ? `${Math.floor(arc / 40)}.${arc % 40}` : `2.${arc - 80}`) : `.${arc}`;
        arc = 0;
      } else if (at === tlv.end - 1) {
        abort('der-bad-oid', `${what}: OID ends inside an arc`, at);
      }
    }
    return dotted;
  }

  private internedOid(tlv: Tlv): string | null {
    const size = tlv.end - tlv.valueStart;
    for (const { encoded, dotted } of internedOids) {
      if (encoded.length !== size) continue;
      let index = 0;
      while (index < size && encoded[index] === this.bytes[tlv.valueStart + index]) index++;
      if (index === size) return dotted;
    }
    return null;
  }

  /** A BIT STRING as its bits, most significant first (X.690 §8.6): bit n of the ASN.1 definition. */
  bitString(tlv: Tlv, what: string): { bits: boolean[] } {
    this.expect(tlv, 'universal', UniversalTag.BIT_STRING, what);
    if (tlv.end === tlv.valueStart) abort('der-bad-bit-string', `${what}: BIT STRING without its unused-bits byte`, tlv.start);
    const unused = this.bytes[tlv.valueStart] as number;
    if (unused > 7) abort('der-bad-bit-string', `${what}: ${unused} unused bits (at most 7)`, tlv.valueStart);
    const bits: boolean[] = [];
    for (let at = tlv.valueStart + 1; at < tlv.end; at++) {
      const byte = this.bytes[at] as number;
      for (let bit = 7; bit >= 0; bit--) bits.push(((byte >> bit) & 1) === 1);
    }
    bits.length = Math.max(0, bits.length - unused);
    return { bits };
  }

  /** A character string (KerberosString, GeneralString, UTF8String, IA5String) as text. */
  string(tlv: Tlv, what: string): string {
    if (tlv.tagClass !== 'universal' || tlv.constructed) {
      abort('der-unexpected-tag', `${what}: expected a character string`, tlv.start);
    }
    return decodeUtf8(this.value(tlv));
  }

  /** An OCTET STRING's content range. */
  octetString(tlv: Tlv, what: string): Tlv {
    return this.expect(tlv, 'universal', UniversalTag.OCTET_STRING, what);
  }

  /** KerberosTime, a GeneralizedTime "YYYYMMDDHHMMSSZ" (RFC 4120 §5.2.3), as ISO 8601. */
  generalizedTime(tlv: Tlv, what: string): string {
    this.expect(tlv, 'universal', UniversalTag.GeneralizedTime, what);
    const bytes = this.bytes;
    const start = tlv.valueStart;
    // Fourteen digits, optional ".fraction", then "Z"; anything else is not a KerberosTime.
    let digitsEnd = start;
    while (digitsEnd < tlv.end && (bytes[digitsEnd] as number) >= 0x30 && (bytes[digitsEnd] as number) <= 0x39) digitsEnd++;
    let zoneAt = digitsEnd;
    if (zoneAt < tlv.end && bytes[zoneAt] === 0x2e) {
      zoneAt++;
      while (zoneAt < tlv.end && (bytes[zoneAt] as number) >= 0x30 && (bytes[zoneAt] as number) <= 0x39) zoneAt++;
    }
    if (digitsEnd - start !== 14 || zoneAt !== tlv.end - 1 || bytes[zoneAt] !== 0x5a) {
      abort('der-bad-time', `${what}: ${JSON.stringify(decodeUtf8(this.value(tlv)))} is not a GeneralizedTime`, tlv.valueStart);
    }
    const text = decodeUtf8(bytes.subarray(start, digitsEnd));
    return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}T${text.slice(8, 10)}:${text.slice(10, 12)}:${text.slice(12, 14)}Z`;
  }
}
