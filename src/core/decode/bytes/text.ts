// Text decoding for wire strings: UTF-16LE (NTLM Unicode), OEM (NTLM without UNICODE), and DER string types.
// TextDecoder is part of the JS platform (browsers, workers, Node), so core may use it.

const utf16 = new TextDecoder('utf-16le', { fatal: false });
const utf8 = new TextDecoder('utf-8', { fatal: false });
// The OEM code page is unknown to us (it is the client's); latin1 shows ASCII exactly and never fails.
const latin1 = new TextDecoder('latin1', { fatal: false });

/** Below this many bytes a plain loop beats TextDecoder's call overhead (names in tokens are short). */
const SHORT_TEXT = 64;

/** UTF-16LE text (NTLMSSP_NEGOTIATE_UNICODE strings, MS-NLMP §2.2.2.5 flag A). */
export function decodeUtf16le(bytes: Uint8Array): string {
  if (bytes.length >= SHORT_TEXT) return utf16.decode(bytes);
  let text = '';
  for (let at = 0; at + 1 < bytes.length; at += 2) {
    const unit = (bytes[at] as number) | ((bytes[at + 1] as number) << 8);
    // Surrogates need TextDecoder's pairing and replacement rules.
    if (unit >= 0xd800 && unit <= 0xdfff) return utf16.decode(bytes);
    text += String.fromCharCode(unit);
  }
  return bytes.length % 2 === 1 ? utf16.decode(bytes) : text;
}

/** OEM text (MS-NLMP §2.2.2.5 flag B); shown as latin1 since the code page is the client's. */
export function decodeOem(bytes: Uint8Array): string {
  return latin1.decode(bytes);
}

/** UTF-8 text (KerberosString is IA5 / UTF-8 in practice, RFC 4120 §5.2.1). */
export function decodeUtf8(bytes: Uint8Array): string {
  if (bytes.length >= SHORT_TEXT) return utf8.decode(bytes);
  let text = '';
  for (const byte of bytes) {
    if (byte >= 0x80) return utf8.decode(bytes);
    text += String.fromCharCode(byte);
  }
  return text;
}
