// NegoEx messages (MS-NEGOEX §2.2.6), the SPNEGO extension Windows offers as OID 1.3.6.1.4.1.311.2.2.30: one token
// carries a run of messages, each with the "NEGOEXTS" signature, a type and its own length. Vectors (auth schemes,
// the exchange bytes, alerts) are (offset, count) pairs from the start of their message, each checked against it.
import { ByteCursor } from '../bytes/cursor';
import { toHex } from '../bytes/hex';
import { type ByteRange, type Problem, type Result, abort, guard, problem } from '../result';

/** MESSAGE_SIGNATURE, MS-NEGOEX §2.2.3: "NEGOEXTS". */
const NEGOEX_SIGNATURE = [0x4e, 0x45, 0x47, 0x4f, 0x45, 0x58, 0x54, 0x53];

/** MESSAGE_TYPE, MS-NEGOEX §2.2.6.1, in value order. */
const MESSAGE_TYPES = [
  'INITIATOR_NEGO',
  'ACCEPTOR_NEGO',
  'INITIATOR_META_DATA',
  'ACCEPTOR_META_DATA',
  'CHALLENGE',
  'AP_REQUEST',
  'VERIFY',
  'ALERT',
] as const;

export type NegoExMessageType = (typeof MESSAGE_TYPES)[number];

/** MESSAGE_HEADER, MS-NEGOEX §2.2.6.2: signature, type, sequence number, header and message lengths, conversation. */
const HEADER_BYTES = 40;
const GUID_BYTES = 16;
/** Fixed part of each message after its header (§2.2.6.3–§2.2.6.6): NEGO has Random, ProtocolVersion and two
 *  vectors; EXCHANGE an auth scheme and a BYTE_VECTOR; VERIFY an auth scheme and a CHECKSUM; ALERT an auth scheme,
 *  ErrorCode and an ALERT_VECTOR. */
const NEGO_BYTES = HEADER_BYTES + 32 + 8 + 8 + 8;
const EXCHANGE_BYTES = HEADER_BYTES + GUID_BYTES + 8;
const VERIFY_BYTES = HEADER_BYTES + GUID_BYTES + 20;
const ALERT_BYTES = HEADER_BYTES + GUID_BYTES + 4 + 8;
/** ALERT (MS-NEGOEX §2.2.5): AlertType and a BYTE_VECTOR. */
const ALERT_ENTRY_BYTES = 12;

/** Auth scheme GUIDs seen in the wild: PKU2U is the one Windows offers to Azure AD joined peers (the same GUID in
 *  Devolutions/sspi-rs `DEFAULT_NEGOEX_AUTH_SCHEME`). */
const AUTH_SCHEME_NAMES: ReadonlyMap<string, string> = new Map([['0d53335c-f9ea-4d0d-b2ec-4ae3786ec308', 'PKU2U']]);

/** One NegoEx message; fields its type does not carry are null. */
export interface NegoExMessage {
  readonly type: number;
  /** MS-NEGOEX MESSAGE_TYPE name without its prefix, e.g. "ACCEPTOR_NEGO"; "MESSAGE_TYPE(9)" when unknown. */
  readonly typeName: string;
  readonly sequenceNum: number;
  readonly conversationId: string;
  /** NEGO: the auth schemes offered, in order of preference (GUIDs). */
  readonly authSchemes: readonly string[] | null;
  /** EXCHANGE, VERIFY, ALERT: the auth scheme the message is for. */
  readonly authScheme: string | null;
  /** EXCHANGE (META_DATA, CHALLENGE, AP_REQUEST): size of the auth scheme's own token. */
  readonly exchangeBytes: number | null;
  /** VERIFY: the RFC 3961 checksum type of the MIC over the conversation. */
  readonly checksumType: number | null;
  /** ALERT: the NTSTATUS ErrorCode and the alert types (1 = ALERT_TYPE_PULSE). */
  readonly errorCode: number | null;
  readonly alertTypes: readonly number[] | null;
  readonly range: ByteRange;
}

/** The messages of one NegoEx token, in order. */
export interface NegoExToken {
  readonly messages: readonly NegoExMessage[];
}

/** True when the bytes at `at` start with the NegoEx message signature. */
export function hasNegoExSignature(bytes: Uint8Array, at = 0): boolean {
  if (bytes.length < at + NEGOEX_SIGNATURE.length) return false;
  return NEGOEX_SIGNATURE.every((byte, index) => bytes[at + index] === byte);
}

/** Readable name of an auth scheme GUID: "PKU2U" or the GUID itself. */
export function authSchemeName(guid: string): string {
  return AUTH_SCHEME_NAMES.get(guid) ?? guid;
}

/** Decodes the NegoEx messages of a token; `base` is its offset inside the outermost token. Never throws. */
export function decodeNegoExMessages(bytes: Uint8Array, base = 0): Result<NegoExToken> {
  return guard((warnings) => readMessages(new ByteCursor(bytes, base), warnings));
}

function readMessages(cursor: ByteCursor, warnings: Problem[]): NegoExToken {
  const messages: NegoExMessage[] = [];
  for (let at = 0; at < cursor.length;) {
    const message = readMessage(cursor, at, warnings);
    const first = messages[0];
    // Sequence numbers count up from the conversation's first message; one conversation per token (§2.2.6.2).
    if (first && message.sequenceNum !== first.sequenceNum + messages.length) {
      warnings.push(
        problem(
          'negoex-sequence',
          `${message.typeName} has SequenceNum ${message.sequenceNum}, expected ${first.sequenceNum + messages.length}`,
          cursor.base + at + 12,
        ),
      );
    }
    if (first && message.conversationId !== first.conversationId) {
      warnings.push(
        problem(
          'negoex-conversation',
          `${message.typeName} belongs to another conversation (${message.conversationId})`,
          cursor.base + at + 24,
        ),
      );
    }
    messages.push(message);
    at = message.range[1] - cursor.base;
  }
  return { messages };
}

function readMessage(cursor: ByteCursor, at: number, warnings: Problem[]): NegoExMessage {
  if (!hasNegoExSignature(cursor.bytes, at))
    abort('negoex-bad-signature', 'not a NegoEx message: the "NEGOEXTS" signature is missing', cursor.base + at);
  const type = cursor.u32(at + 8, 'MessageType');
  const typeName = MESSAGE_TYPES[type] ?? `MESSAGE_TYPE(${type})`;
  const headerLength = cursor.u32(at + 16, 'cbHeaderLength');
  const messageLength = cursor.u32(at + 20, 'cbMessageLength');
  const remaining = cursor.length - at;
  if (messageLength > remaining || headerLength > messageLength || headerLength < fixedBytes(type)) {
    abort(
      'negoex-bad-length',
      `${typeName}: cbHeaderLength ${headerLength} and cbMessageLength ${messageLength} do not fit the ${remaining} byte(s) left (at least ${fixedBytes(type)} for its header)`,
      cursor.base + at + 16,
    );
  }
  const message = new ByteCursor(cursor.slice(at, messageLength, typeName), cursor.base + at);
  const read: NegoExMessage = {
    type,
    typeName,
    sequenceNum: message.u32(12, 'SequenceNum'),
    conversationId: guid(message, 24),
    authSchemes: null,
    authScheme: null,
    exchangeBytes: null,
    checksumType: null,
    errorCode: null,
    alertTypes: null,
    range: [message.base, message.base + messageLength],
  };
  switch (typeName) {
    case 'INITIATOR_NEGO':
    case 'ACCEPTOR_NEGO': {
      const version = message.u64(72, 'ProtocolVersion');
      if (version !== 0) warnings.push(problem('negoex-protocol-version', `ProtocolVersion ${version}, expected 0`, message.base + 72));
      const schemes = vector(message, 80, GUID_BYTES, 'AuthSchemes');
      vector(message, 88, 8, 'Extensions');
      return {
        ...read,
        authSchemes: Array.from({ length: schemes.count }, (_, index) => guid(message, schemes.offset + index * GUID_BYTES)),
      };
    }
    case 'INITIATOR_META_DATA':
    case 'ACCEPTOR_META_DATA':
    case 'CHALLENGE':
    case 'AP_REQUEST':
      return { ...read, authScheme: guid(message, 40), exchangeBytes: byteVector(message, 56, 'Exchange') };
    case 'VERIFY':
      byteVector(message, 68, 'ChecksumValue');
      return { ...read, authScheme: guid(message, 40), checksumType: message.u32(64, 'ChecksumType') };
    case 'ALERT': {
      const alerts = vector(message, 60, ALERT_ENTRY_BYTES, 'Alerts');
      const alertTypes = Array.from({ length: alerts.count }, (_, index) => {
        const entry = alerts.offset + index * ALERT_ENTRY_BYTES;
        byteVector(message, entry + 4, 'AlertValue');
        return message.u32(entry, 'AlertType');
      });
      return { ...read, authScheme: guid(message, 40), errorCode: message.u32(56, 'ErrorCode'), alertTypes };
    }
    default:
      warnings.push(problem('negoex-unknown-type', `unknown NegoEx MessageType ${type}`, message.base + 8));
      return read;
  }
}

/** The header bytes a message of this type needs at least. */
function fixedBytes(type: number): number {
  if (type <= 1) return NEGO_BYTES;
  if (type <= 5) return EXCHANGE_BYTES;
  if (type === 6) return VERIFY_BYTES;
  if (type === 7) return ALERT_BYTES;
  return HEADER_BYTES;
}

/** AUTH_SCHEME_VECTOR (§2.2.5.2.2), EXTENSION_VECTOR, ALERT_VECTOR: offset from the message start and a count. */
function vector(message: ByteCursor, at: number, itemBytes: number, what: string): { offset: number; count: number } {
  const offset = message.u32(at, `${what} offset`);
  const count = message.u16(at + 4, `${what} count`);
  message.claimInside(offset, count * itemBytes, at, 'negoex-vector-out-of-range', what);
  return { offset, count };
}

/** BYTE_VECTOR (§2.2.5): offset from the message start and a length, checked against the message; returns the length. */
function byteVector(message: ByteCursor, at: number, what: string): number {
  const offset = message.u32(at, `${what} offset`);
  const length = message.u32(at + 4, `${what} length`);
  message.claimInside(offset, length, at, 'negoex-vector-out-of-range', what);
  return length;
}

/** A GUID as text (MS-DTYP §2.3.4: Data1–Data3 little-endian, Data4 as bytes). */
function guid(cursor: ByteCursor, at: number): string {
  const hex = toHex(cursor.slice(at, GUID_BYTES, 'GUID'));
  const swap = (start: number, end: number) => (hex.slice(start, end).match(/../g) ?? []).reverse().join('');
  return `${swap(0, 8)}-${swap(8, 12)}-${swap(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
