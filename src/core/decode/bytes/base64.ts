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

/** Decodes base64 text to bytes; never throws. Warnings: whitespace, URL-safe alphabet, missing padding. */
export function decodeBase64(text: string): Result<Uint8Array> {
  return decodeCanonical(text) ?? decodeTolerant(text);
}

/**
 * The common case — standard alphabet, correct padding, no whitespace — through the platform's native `atob`
 * (a JS global in browsers, workers and Node). atob is forgiving (it drops whitespace and accepts missing
 * padding), so anything it would silently forgive is sent to the tolerant decoder, which reports it.
 */
function decodeCanonical(text: string): Result<Uint8Array> | null {
  if (text.length === 0 || text.length % 4 !== 0) return null;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  const padding = text.charCodeAt(text.length - 1) === 61 ? (text.charCodeAt(text.length - 2) === 61 ? 2 : 1) : 0;
  // Whitespace would have been dropped, leaving fewer bytes than the text's length promises.
  if (binary.length !== (text.length / 4) * 3 - padding) return null;
  const lastData = STANDARD[text.charCodeAt(text.length - 1 - padding)] as number;
  if (padding > 0 && (lastData & (padding === 1 ? 0x03 : 0x0f)) !== 0) return null;
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return ok(bytes);
}

/** Character-by-character decoding that accepts and reports every deviation, or fails at its offset. */
function decodeTolerant(text: string): Result<Uint8Array> {
  const out = new Uint8Array(((text.length + 3) >> 2) * 3);
  let written = 0;
  let accumulator = 0;
  let sextets = 0;
  let padding = 0;
  let paddingAt = -1;
  let sawWhitespace = -1;
  let sawUrlSafe = -1;
  let sawStandardOnly = -1;
  let lastData = -1;
  for (let index = 0; index < text.length; index++) {
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
