import { describe, expect, it } from 'vitest';
import { DerReader, MAX_DER_DEPTH } from '../../../../src/core/decode/asn1/der';
import { type Problem, guard } from '../../../../src/core/decode/result';
import { hex } from '../../../helpers/fixtures';
import { oid, seq } from '../../../helpers/der';

/** Reads the first element (and, when constructed, its children recursively) like the decoders do. */
function walk(bytes: Uint8Array) {
  return guard((warnings: Problem[]) => {
    const reader = new DerReader(bytes, warnings);
    const visit = (at: number, end: number, depth: number): number => {
      const tlv = reader.readTlv(at, end, depth);
      if (tlv.constructed) reader.children(tlv, depth).forEach((child) => visit(child.start, tlv.end, depth + 1));
      return tlv.end;
    };
    return visit(0, bytes.length, 0);
  });
}

describe('DerReader', () => {
  it.each([
    ['indefinite length', '30 80 00 00', 'der-indefinite-length', 1],
    ['length-of-length 5', '04 85 00 00 00 00 01 00', 'der-length-too-long', 1],
    ['length past the end', '04 05 01 02', 'der-past-end', 0],
    ['long length bytes cut off', '04 82 01', 'der-past-end', 2],
    ['missing length', '30', 'der-past-end', 1],
    ['child past its parent', '30 03 04 05 00', 'der-past-end', 2],
    ['tag number longer than 4 bytes', '1f 81 81 81 81 01 00', 'der-tag-too-long', 0],
  ])('rejects %s', (_, bytes, code, offset) => {
    expect(walk(hex(bytes))).toEqual({ ok: false, error: expect.objectContaining({ code, offset }) });
  });

  it('refuses nesting deeper than the limit', () => {
    let nested: Uint8Array = Uint8Array.from([0x05, 0x00]);
    for (let level = 0; level <= MAX_DER_DEPTH + 1; level++) nested = seq(nested);
    expect(walk(nested)).toEqual({ ok: false, error: expect.objectContaining({ code: 'der-depth' }) });
  });

  it('warns on a non-minimal length but reads on', () => {
    const result = walk(hex('04 81 01 aa'));
    expect(result.ok && result.warnings).toEqual([expect.objectContaining({ code: 'der-non-minimal-length', offset: 0 })]);
  });

  it.each([['1.3.6.1.5.5.2'], ['1.2.840.113554.1.2.2'], ['1.2.840.48018.1.2.2'], ['1.3.6.1.4.1.311.2.2.10'], ['2.999.1']])(
    'round-trips OID %s',
    (dotted) => {
      const bytes = oid(dotted);
      const result = guard((warnings: Problem[]) => {
        const reader = new DerReader(bytes, warnings);
        return reader.oid(reader.readTlv(0, bytes.length, 0), 'oid');
      });
      expect(result).toEqual({ ok: true, value: dotted, warnings: [] });
    },
  );

  it.each([
    ['ends inside an arc', '06 02 2b 86', 'der-bad-oid', 3],
    ['leading 0x80', '06 02 2b 80', 'der-bad-oid', 3],
    ['empty', '06 00', 'der-bad-oid', 0],
  ])('rejects an OID that %s', (_, bytes, code, offset) => {
    const input = hex(bytes);
    const result = guard((warnings: Problem[]) => {
      const reader = new DerReader(input, warnings);
      return reader.oid(reader.readTlv(0, input.length, 0), 'oid');
    });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code, offset }) });
  });

  it.each([
    ['20261122030341Z', '2026-11-22T03:03:41Z'],
    ['20261122030341.123Z', '2026-11-22T03:03:41Z'],
    ['2026112203034Z', 'der-bad-time'],
    ['20261122030341', 'der-bad-time'],
    ['20261122030341+0100', 'der-bad-time'],
  ])('reads GeneralizedTime %s as %s', (text, expected) => {
    const input = Uint8Array.from([0x18, text.length, ...new TextEncoder().encode(text)]);
    const result = guard((warnings: Problem[]) => {
      const reader = new DerReader(input, warnings);
      return reader.generalizedTime(reader.readTlv(0, input.length, 0), 'stime');
    });
    if (expected.startsWith('der-')) expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: expected, offset: 2 }) });
    else expect(result).toEqual({ ok: true, value: expected, warnings: [] });
  });

  it('reads signed integers and GeneralizedTime', () => {
    const input = hex('02 02 ff 7f 18 0f 32 30 32 36 31 31 32 32 30 33 30 33 34 31 5a');
    const result = guard((warnings: Problem[]) => {
      const reader = new DerReader(input, warnings);
      const integer = reader.readTlv(0, input.length, 0);
      const time = reader.readTlv(integer.end, input.length, 0);
      return [reader.integer(integer, 'i'), reader.generalizedTime(time, 't')];
    });
    expect(result).toEqual({ ok: true, value: [-129, '2026-11-22T03:03:41Z'], warnings: [] });
  });
});
