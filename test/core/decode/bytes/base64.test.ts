import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../../../src/core/decode/bytes/base64';

const bytesOf = (text: string) => [...Buffer.from(text, 'latin1')];

describe('decodeBase64', () => {
  it.each([
    // RFC 4648 §10 test vectors.
    ['', ''],
    ['Zg==', 'f'],
    ['Zm8=', 'fo'],
    ['Zm9v', 'foo'],
    ['Zm9vYg==', 'foob'],
    ['Zm9vYmE=', 'fooba'],
    ['Zm9vYmFy', 'foobar'],
  ])('decodes the RFC 4648 vector %j without warnings', (input, expected) => {
    const result = decodeBase64(input);
    expect(result).toEqual({ ok: true, value: new Uint8Array(bytesOf(expected)), warnings: [] });
  });

  it.each([
    ['Zm9vYg', 'foob', 'base64-missing-padding', 6],
    ['Zm9v\r\n YmFy', 'foobar', 'base64-whitespace', 4],
    // Length 8 like canonical base64, but the space hides a missing "=": both must still be reported.
    ['Zm9v YmF', 'fooba', 'base64-whitespace', 4],
    ['Zm9v YmF', 'fooba', 'base64-missing-padding', 8],
    ['-_-_', '\xfb\xff\xbf', 'base64-url-alphabet', 0],
    ['+_-/', '\xfb\xff\xbf', 'base64-mixed-alphabet', 1],
    ['Zh==', 'f', 'base64-trailing-bits', 1],
    ['Zg===', 'f', 'base64-extra-padding', 2],
  ])('tolerates %j and warns %s at %i', (input, expected, code, offset) => {
    const result = decodeBase64(input);
    if (!result.ok) throw new Error(result.error.message);
    expect([...result.value]).toEqual(bytesOf(expected));
    expect(result.warnings).toContainEqual(expect.objectContaining({ code, offset }));
  });

  it.each([
    ['Zm9v!mFy', 'base64-invalid-char', 4],
    ['Zm9vé', 'base64-invalid-char', 4],
    ['Zm9vY', 'base64-bad-length', 5],
    ['Zg==Zg==', 'base64-data-after-padding', 4],
  ])('rejects %j with %s at %i', (input, code, offset) => {
    expect(decodeBase64(input)).toEqual({ ok: false, error: expect.objectContaining({ code, offset }) });
  });

  it('agrees with Node for random bytes of every length up to 300', () => {
    for (let size = 0; size <= 300; size++) {
      const bytes = Uint8Array.from({ length: size }, (_, index) => (index * 151 + size * 7) & 0xff);
      const text = Buffer.from(bytes).toString('base64');
      const result = decodeBase64(text);
      expect(result.ok && [...result.value]).toEqual([...bytes]);
    }
  });
});

describe('text decoders', () => {
  it('match TextDecoder for short and long, ASCII and non-ASCII, odd and surrogate input', async () => {
    const { decodeUtf16le, decodeUtf8 } = await import('../../../../src/core/decode/bytes/text');
    const samples = ['LAB', 'iis01.lab.test', 'Ünïcödé', '𝔘ser', 'x'.repeat(80)];
    for (const sample of samples) {
      const utf16 = new Uint8Array(Buffer.from(sample, 'utf16le'));
      expect(decodeUtf16le(utf16)).toBe(new TextDecoder('utf-16le').decode(utf16));
      expect(decodeUtf16le(utf16.subarray(1))).toBe(new TextDecoder('utf-16le').decode(utf16.subarray(1)));
      const utf8 = new TextEncoder().encode(sample);
      expect(decodeUtf8(utf8)).toBe(sample);
    }
    expect(decodeUtf16le(Uint8Array.from([0x00, 0xd8, 0x41, 0x00]))).toBe(
      new TextDecoder('utf-16le').decode(Uint8Array.from([0x00, 0xd8, 0x41, 0x00])),
    );
  });
});
