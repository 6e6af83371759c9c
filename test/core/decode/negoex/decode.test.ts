import { describe, expect, it } from 'vitest';
import { decodeNegoExMessages, hasNegoExSignature } from '../../../../src/core/decode/negoex/decode';
import { decodeToken } from '../../../../src/core/decode/token/decode';
import { summarizeToken } from '../../../../src/core/decode/token/summary';
import { base64 } from '../../../helpers/fixtures';
import { publicToken } from '../../../helpers/public-tokens';

const bytesOf = (name: string) => Uint8Array.from(Buffer.from(publicToken(name), 'base64'));
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));
const PKU2U = '0d53335c-f9ea-4d0d-b2ec-4ae3786ec308';
const CONVERSATION = '3b29075a-f391-af33-a1b4-a212249d7cb4';

const messagesOf = (bytes: Uint8Array) => {
  const result = decodeNegoExMessages(bytes);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result;
};

/** A message of `type` built from the MS-NEGOEX §2.2.6 layouts: MESSAGE_HEADER, then `body`, then `payload`. */
function message(type: number, sequence: number, body: number[], payload: number[] = []): Uint8Array {
  const header = 40 + body.length;
  const bytes = new Uint8Array(header + payload.length);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode('NEGOEXTS'));
  view.setUint32(8, type, true);
  view.setUint32(12, sequence, true);
  view.setUint32(16, header, true);
  view.setUint32(20, bytes.length, true);
  bytes.set(bytesOf('picky-negoex-initiator-nego').subarray(24, 40), 24);
  bytes.set(body, 40);
  bytes.set(payload, header);
  return bytes;
}
const u32 = (value: number) => [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >>> 24];
const scheme = [...bytesOf('picky-negoex-initiator-nego').subarray(96, 112)];

describe('decodeNegoExMessages (MS-NEGOEX §2.2.6) on public messages', () => {
  it.each([
    ['picky-negoex-initiator-nego', { typeName: 'INITIATOR_NEGO', sequenceNum: 0, authSchemes: [PKU2U], authScheme: null }],
    ['picky-negoex-initiator-meta-data', { typeName: 'INITIATOR_META_DATA', sequenceNum: 1, authScheme: PKU2U, exchangeBytes: 233 }],
    ['picky-negoex-acceptor-meta-data', { typeName: 'ACCEPTOR_META_DATA', sequenceNum: 3, authScheme: PKU2U, exchangeBytes: 174 }],
    ['picky-negoex-verify', { typeName: 'VERIFY', sequenceNum: 7, authScheme: PKU2U, checksumType: 16 }],
  ])('reads %s', (name, expected) => {
    const { value, warnings } = messagesOf(bytesOf(name));
    expect(value.messages).toEqual([
      expect.objectContaining({ ...expected, conversationId: CONVERSATION, range: [0, bytesOf(name).length] }),
    ]);
    expect(warnings).toEqual([]);
  });

  it('reads an initiator’s first token: NEGO then META_DATA of one conversation, in sequence', () => {
    const token = concat(bytesOf('picky-negoex-initiator-nego'), bytesOf('picky-negoex-initiator-meta-data'));
    const { value, warnings } = messagesOf(token);
    expect(value.messages.map((item) => [item.typeName, item.range])).toEqual([
      ['INITIATOR_NEGO', [0, 112]],
      ['INITIATOR_META_DATA', [112, 409]],
    ]);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['kerberosnet-spnego-init-negoex-pku2u-initiator', 'INITIATOR_NEGO, INITIATOR_META_DATA'],
    ['smbj-spnego-init-negoex-acceptor', 'ACCEPTOR_NEGO, ACCEPTOR_META_DATA'],
    ['syringe-spnego-init2-negoex-acceptor', 'ACCEPTOR_NEGO, ACCEPTOR_META_DATA'],
  ])('names the NegoEx messages in SPNEGO’s mechToken of %s instead of calling it invalid', (name, messages) => {
    const result = decodeToken(publicToken(name));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.token.spnego?.inner).toMatchObject({ kind: 'negoex', mechanism: null });
    expect(result.value.token.spnego?.innerError).toBeNull();
    expect(result.warnings).toEqual([]);
    expect(summarizeToken(publicToken(name))).toMatchObject({ innerKind: 'negoex', negoExMessages: messages, negoExSchemes: 'PKU2U' });
  });

  it('decodes a bare NegoEx token pasted alone', () => {
    const result = decodeToken(base64(bytesOf('picky-negoex-verify')));
    expect(result.ok && result.value.token).toMatchObject({ kind: 'negoex', negoex: { messages: [{ typeName: 'VERIFY' }] } });
    expect(hasNegoExSignature(bytesOf('picky-negoex-verify'))).toBe(true);
    expect(hasNegoExSignature(bytesOf('picky-negoex-verify').subarray(0, 7))).toBe(false);
  });
});

describe('decodeNegoExMessages — AP_REQUEST and ALERT built from MS-NEGOEX §2.2.6.4 and §2.2.6.6', () => {
  it('reads an AP_REQUEST exchange and an ALERT with its pulse', () => {
    const apRequest = message(5, 0, [...scheme, ...u32(64), ...u32(3)], [1, 2, 3]);
    // ALERT: AuthScheme, ErrorCode (STATUS_UNSUCCESSFUL), ALERT_VECTOR (offset 72, count 1, padding), then one ALERT
    // (ALERT_TYPE_PULSE, BYTE_VECTOR to an 8-byte ALERT_PULSE).
    const alert = message(
      7,
      1,
      [...scheme, ...u32(0xc0000001), ...u32(72), 1, 0, 0, 0, 0, 0, 0, 0],
      [...u32(1), ...u32(84), ...u32(8), ...u32(8), ...u32(1)],
    );
    const { value, warnings } = messagesOf(concat(apRequest, alert));
    expect(value.messages).toEqual([
      expect.objectContaining({ typeName: 'AP_REQUEST', authScheme: PKU2U, exchangeBytes: 3 }),
      expect.objectContaining({ typeName: 'ALERT', authScheme: PKU2U, errorCode: 0xc0000001, alertTypes: [1] }),
    ]);
    expect(warnings).toEqual([]);
  });
});

describe('decodeNegoExMessages — hostile and malformed messages', () => {
  const nego = bytesOf('picky-negoex-initiator-nego');
  const tamper = (bytes: Uint8Array, at: number, value: number[]) => {
    const copy = Uint8Array.from(bytes);
    copy.set(value, at);
    return copy;
  };

  it.each([
    ['a sequence gap', concat(nego, bytesOf('picky-negoex-verify')), 'negoex-sequence', 124],
    ['another conversation', concat(nego, tamper(bytesOf('picky-negoex-initiator-meta-data'), 24, [0])), 'negoex-conversation', 136],
    ['an unknown message type', message(9, 0, []), 'negoex-unknown-type', 8],
    ['a ProtocolVersion other than 0', tamper(nego, 72, [1]), 'negoex-protocol-version', 72],
  ])('warns about %s, with its offset', (_, bytes, code, offset) => {
    expect(messagesOf(bytes).warnings).toEqual([expect.objectContaining({ code, offset })]);
  });

  it.each([
    ['a header cut short', nego.subarray(0, 18), 'past-end', 16],
    ['a message cut short', nego.subarray(0, 30), 'negoex-bad-length', 16],
    ['bytes after the last message that are not a message', concat(nego, Uint8Array.of(0x4e, 0x45)), 'negoex-bad-signature', 112],
    ['a message longer than the token', tamper(nego, 20, u32(113)), 'negoex-bad-length', 16],
    ['a header shorter than the NEGO fields', tamper(nego, 16, u32(40)), 'negoex-bad-length', 16],
    ['a header longer than its message', tamper(nego, 16, u32(200)), 'negoex-bad-length', 16],
    ['auth schemes past the message', tamper(nego, 84, [2]), 'negoex-vector-out-of-range', 80],
    ['an exchange past the message', tamper(bytesOf('picky-negoex-acceptor-meta-data'), 60, u32(175)), 'negoex-vector-out-of-range', 56],
    [
      'an alert vector past the message',
      message(7, 0, [...scheme, ...u32(0), ...u32(72), 5, 0, 0, 0, 0, 0, 0, 0]),
      'negoex-vector-out-of-range',
      60,
    ],
  ])('rejects %s, with the offset', (_, bytes, code, offset) => {
    expect(decodeNegoExMessages(bytes)).toEqual({ ok: false, error: expect.objectContaining({ code, offset }) });
  });

  it('keeps the SPNEGO token readable when its NegoEx mechToken is broken', () => {
    const real = bytesOf('kerberosnet-spnego-init-negoex-pku2u-initiator');
    const broken = tamper(real, 56 + 20, u32(0xffff));
    const result = decodeToken(base64(broken));
    expect(result.ok && result.value.token.spnego?.innerError).toMatchObject({ code: 'negoex-bad-length', offset: 72 });
  });
});
