import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../../src/core/bytes/base64';

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
