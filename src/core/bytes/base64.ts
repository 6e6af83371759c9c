// Tolerant base64 decoder for header tokens (RFC 4648 §4 standard and §5 URL-safe alphabets).
// Real captures contain whitespace from wrapped headers, URL-safe characters and stripped padding:
// each is accepted and reported as a warning; anything else is an error at its character offset.
import { type Problem, type Result, fail, ok, problem } from '../result';

const INVALID = -1;
const WHITESPACE = -2;
const PADDING = -3;
const STANDARD = new Int8Array(128).fill(INVALID);
const URL_SAFE_62 = 45; // '-'
const URL_SAFE_63 = 95; // '_'
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  .split('')
  .forEach((char, value) => (STANDARD[char.charCodeAt(0)] = value));
STANDARD[URL_SAFE_62] = 62;
STANDARD[URL_SAFE_63] = 63;
for (const code of [9, 10, 13, 32]) STANDARD[code] = WHITESPACE;
STANDARD[61] = PADDING; // '='
/** Only the 64 standard characters are ≥ 0: the fast path below stops at anything else. */
const STRICT = STANDARD.map((value, code) => (value >= 0 && code !== URL_SAFE_62 && code !== URL_SAFE_63 ? value : INVALID));

/** Decodes base64 text to bytes; never throws. Warnings: whitespace, URL-safe alphabet, missing padding. */
export function decodeBase64(text: string): Result<Uint8Array> {
  const out = new Uint8Array(((text.length + 3) >> 2) * 3);
  let written = 0;
  // Fast path: whole quads of standard characters, the shape of nearly every real token. The tolerant loop
  // below takes over at the first whitespace, URL-safe character, padding or error.
  let start = 0;
  for (const quadsEnd = text.length - 4; start <= quadsEnd; start += 4) {
    const c0 = text.charCodeAt(start);
    const c1 = text.charCodeAt(start + 1);
    const c2 = text.charCodeAt(start + 2);
    const c3 = text.charCodeAt(start + 3);
    if ((c0 | c1 | c2 | c3) >= 128) break;
    const v0 = STRICT[c0] as number;
    const v1 = STRICT[c1] as number;
    const v2 = STRICT[c2] as number;
    const v3 = STRICT[c3] as number;
    if ((v0 | v1 | v2 | v3) < 0) break;
    out[written++] = (v0 << 2) | (v1 >> 4);
    out[written++] = ((v1 & 0x0f) << 4) | (v2 >> 2);
    out[written++] = ((v2 & 0x03) << 6) | v3;
  }
  let accumulator = 0;
  let sextets = 0;
  let padding = 0;
  let paddingAt = -1;
  let sawWhitespace = -1;
  let sawUrlSafe = -1;
  let sawStandardOnly = -1;
  let lastData = -1;
  for (let index = start; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const value = code < 128 ? (STANDARD[code] as number) : INVALID;
    if (value >= 0) {
      if (padding > 0) {
        return fail('base64-data-after-padding', `base64 data continues after "=" padding at character ${paddingAt}`, index);
      }
      if (code === URL_SAFE_62 || code === URL_SAFE_63) {
        if (sawUrlSafe < 0) sawUrlSafe = index;
      } else if (code === 43 || code === 47) {
        if (sawStandardOnly < 0) sawStandardOnly = index;
      }
      lastData = index;
      accumulator = (accumulator << 6) | value;
      if (++sextets === 4) {
        out[written++] = (accumulator >> 16) & 0xff;
        out[written++] = (accumulator >> 8) & 0xff;
        out[written++] = accumulator & 0xff;
        accumulator = 0;
        sextets = 0;
      }
    } else if (value === WHITESPACE) {
      if (sawWhitespace < 0) sawWhitespace = index;
    } else if (value === PADDING) {
      if (padding === 0) paddingAt = index;
      padding++;
    } else {
      const shown = JSON.stringify(text.charAt(index));
      return fail('base64-invalid-char', `character ${shown} at ${index} is not base64`, index);
    }
  }
  const warnings: Problem[] = [];
  if (sextets === 1) {
    return fail('base64-bad-length', 'base64 text ends with a single dangling character (length is 1 mod 4)', text.length);
  }
  if (sextets === 2) {
    out[written++] = (accumulator >> 4) & 0xff;
    if ((accumulator & 0x0f) !== 0)
      warnings.push(problem('base64-trailing-bits', 'the last base64 character has non-zero unused bits', lastData));
  } else if (sextets === 3) {
    out[written++] = (accumulator >> 10) & 0xff;
    out[written++] = (accumulator >> 2) & 0xff;
    if ((accumulator & 0x03) !== 0)
      warnings.push(problem('base64-trailing-bits', 'the last base64 character has non-zero unused bits', lastData));
  }
  const expectedPadding = sextets === 0 ? 0 : 4 - sextets;
  if (padding !== expectedPadding) {
    if (padding < expectedPadding) {
      warnings.push(
        problem('base64-missing-padding', `base64 padding is missing (${expectedPadding - padding} "=" expected)`, text.length),
      );
    } else {
      warnings.push(problem('base64-extra-padding', `base64 has ${padding} "=" where ${expectedPadding} belong`, paddingAt));
    }
  }
  if (sawWhitespace >= 0) warnings.push(problem('base64-whitespace', 'whitespace inside the base64 text was ignored', sawWhitespace));
  if (sawUrlSafe >= 0) {
    warnings.push(
      sawStandardOnly >= 0
        ? problem('base64-mixed-alphabet', 'base64 mixes the standard (+/) and URL-safe (-_) alphabets', sawUrlSafe)
        : problem('base64-url-alphabet', 'base64 uses the URL-safe alphabet (-_), RFC 4648 §5', sawUrlSafe),
    );
  }
  return ok(out.subarray(0, written), warnings);
}
