// Hex rendering of bytes, for JSON output and the hex view.

const HEX_DIGITS = Array.from({ length: 256 }, (_, value) => value.toString(16).padStart(2, '0'));

/** Lower-case hex string without separators. */
export function toHex(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += HEX_DIGITS[byte] as string;
  return text;
}

/** True when every byte is zero (used for reserved / MIC fields). */
export function isAllZero(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte !== 0) return false;
  return true;
}
