// NTLM message decoder: NEGOTIATE, CHALLENGE and AUTHENTICATE (MS-NLMP §2.2.1), every field with its byte range.
// Security buffers (len, maxLen, offset) are checked against the message; a bad optional part (the NTLMv2
// client blob, an AV pair list) becomes a warning so the rest of the message is still shown.
import { ByteCursor } from '../bytes/cursor';
import { isAllZero, toHex } from '../bytes/hex';
import { decodeOem, decodeUtf16le } from '../bytes/text';
import { type ByteRange, type Problem, type Result, abort, guard, problem } from '../result';
import {
  MSV_AV_FLAG_MIC_PRESENT,
  MsvAv,
  NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY,
  NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED,
  NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED,
  NTLMSSP_NEGOTIATE_TARGET_INFO,
  NTLMSSP_NEGOTIATE_UNICODE,
  NTLMSSP_NEGOTIATE_VERSION,
  NTLM_SIGNATURE,
  avIdName,
  ntlmFlagNames,
} from './constants';

/** VERSION structure, MS-NLMP §2.2.2.10. */
export interface NtlmVersion {
  readonly major: number;
  readonly minor: number;
  readonly build: number;
  readonly revision: number;
}

/** One AV_PAIR as found on the wire, MS-NLMP §2.2.2.1. */
export interface AvPair {
  readonly id: number;
  readonly name: string;
  readonly value: string;
  readonly range: ByteRange;
}

/** The AV pairs of a TargetInfo (CHALLENGE) or of an NTLMv2 client blob (AUTHENTICATE). */
export interface NtlmTargetInfo {
  readonly nbComputerName: string | null;
  readonly nbDomainName: string | null;
  readonly dnsComputerName: string | null;
  readonly dnsDomainName: string | null;
  readonly dnsTreeName: string | null;
  /** MsvAvTimestamp as ISO 8601. */
  readonly timestamp: string | null;
  /** MsvAvFlags; bit 0x2 says a MIC is present. */
  readonly flags: number | null;
  readonly targetName: string | null;
  /** MsvAvChannelBindings (MD5 of gss_channel_bindings_struct), hex. */
  readonly channelBindings: string | null;
  readonly singleHost: boolean;
  readonly pairs: readonly AvPair[];
  readonly range: ByteRange;
}

/** NTLMv2_CLIENT_CHALLENGE summary, MS-NLMP §2.2.2.7 (the proof itself is a credential and is not kept). */
export interface NtlmV2ClientBlob {
  readonly timestamp: string;
  readonly clientChallenge: string;
  readonly range: ByteRange;
}

export type NtlmMessageType = 1 | 2 | 3;

/** A decoded NTLM message; fields that the message type does not carry are null. */
export interface NtlmMessage {
  readonly messageType: NtlmMessageType;
  readonly flags: number;
  readonly flagNames: readonly string[];
  readonly domain: string | null;
  readonly user: string | null;
  readonly workstation: string | null;
  readonly targetName: string | null;
  readonly serverChallenge: string | null;
  readonly version: NtlmVersion | null;
  readonly targetInfo: NtlmTargetInfo | null;
  readonly responseVersion: 'v1' | 'v2' | 'anonymous' | null;
  /** An NTLMv1 response with extended session security, the "NTLM2 session response" (MS-NLMP §3.3.1): the NT response
   *  mixes a client nonce in, which the LM field carries followed by 16 zero bytes. */
  readonly ntlm2SessionResponse: boolean;
  readonly lmResponseLength: number | null;
  readonly ntResponseLength: number | null;
  readonly ntlmV2Blob: NtlmV2ClientBlob | null;
  readonly mic: boolean;
  readonly sessionKey: boolean;
  /** Byte ranges of the fields above, absolute in the outermost token. */
  readonly spans: Readonly<Record<string, ByteRange>>;
}

/** True when the bytes at `at` start with the NTLMSSP signature. */
export function hasNtlmSignature(bytes: Uint8Array, at = 0): boolean {
  if (bytes.length < at + NTLM_SIGNATURE.length) return false;
  for (let index = 0; index < NTLM_SIGNATURE.length; index++) if (bytes[at + index] !== NTLM_SIGNATURE[index]) return false;
  return true;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface SecurityBuffer {
  readonly length: number;
  readonly offset: number;
  readonly field: number;
}

/** Decodes an NTLM message; `base` is the message's offset inside the outermost token. */
export function decodeNtlmMessage(bytes: Uint8Array, base = 0): Result<NtlmMessage> {
  return guard((warnings) => new NtlmDecoder(new ByteCursor(bytes, base), warnings).decode());
}

/** Windows FILETIME (100 ns ticks since 1601-01-01 UTC, MS-DTYP §2.3.3) as ISO 8601; every u64 fits a Date. */
export function fileTimeToIso(fileTime: number): string {
  return isoFromUnixMs(Math.floor(fileTime / 10000) - 11644473600000);
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/**
 * ISO 8601 from Unix milliseconds without allocating a Date (the decoder's hottest step for NTLM): days to
 * civil date by H. Hinnant's `civil_from_days`. Years outside 0000–9999 go through Date's extended format.
 */
function isoFromUnixMs(unixMs: number): string {
  const days = Math.floor(unixMs / 86400000);
  const msOfDay = unixMs - days * 86400000;
  const shifted = days + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) return new Date(unixMs).toISOString();
  const hours = Math.floor(msOfDay / 3600000);
  const minutes = Math.floor((msOfDay % 3600000) / 60000);
  const seconds = Math.floor((msOfDay % 60000) / 1000);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(msOfDay % 1000, 3)}Z`;
}

class NtlmDecoder {
  private readonly spans: Record<string, ByteRange> = {};

  constructor(
    private readonly cursor: ByteCursor,
    private readonly warnings: Problem[],
  ) {}

  private range(at: number, size: number): ByteRange {
    return [this.cursor.base + at, this.cursor.base + at + size];
  }

  private mark(name: string, at: number, size: number): void {
    this.spans[name] = this.range(at, size);
  }

  decode(): NtlmMessage {
    const cursor = this.cursor;
    if (!hasNtlmSignature(cursor.bytes)) {
      abort('ntlm-bad-signature', 'not an NTLM message: the "NTLMSSP\\0" signature is missing', cursor.base);
    }
    this.mark('signature', 0, 8);
    const messageType = cursor.u32(8, 'MessageType');
    this.mark('messageType', 8, 4);
    switch (messageType) {
      case 1:
        return this.negotiate();
      case 2:
        return this.challenge();
      case 3:
        return this.authenticate();
      default:
        return abort('ntlm-bad-message-type', `NTLM MessageType ${messageType} is not 1, 2 or 3`, cursor.base + 8);
    }
  }

  /** (Len, MaxLen, BufferOffset) at `field`, checked against the message, MS-NLMP §2.2.1. */
  private securityBuffer(field: number, name: string): SecurityBuffer {
    const cursor = this.cursor;
    const length = cursor.u16(field, `${name}Len`);
    const maxLength = cursor.u16(field + 2, `${name}MaxLen`);
    const offset = cursor.u32(field + 4, `${name}BufferOffset`);
    cursor.claimInside(offset, length, field, 'ntlm-buffer-out-of-range', name);
    if (maxLength < length) {
      this.warnings.push(problem('ntlm-buffer-maxlen', `${name}: MaxLen ${maxLength} is below Len ${length}`, cursor.base + field));
    }
    if (length > 0) this.mark(name, offset, length);
    return { length, offset, field };
  }

  private text(buffer: SecurityBuffer, unicode: boolean, name: string): string {
    const bytes = this.cursor.slice(buffer.offset, buffer.length, name);
    if (unicode && bytes.length % 2 === 1) {
      this.warnings.push(
        problem('ntlm-odd-unicode-length', `${name}: odd length ${bytes.length} for a UTF-16 string`, this.cursor.base + buffer.field),
      );
    }
    return unicode ? decodeUtf16le(bytes) : decodeOem(bytes);
  }

  /** Lowest payload offset among non-empty buffers: the fixed header cannot extend past it. */
  private headerEnd(buffers: readonly SecurityBuffer[]): number {
    let end = this.cursor.length;
    for (const buffer of buffers) if (buffer.length > 0) end = Math.min(end, buffer.offset);
    return end;
  }

  /**
   * Bytes after the last one any field claims — the fixed fields of the layout in use (`layouts`: where the fixed part
   * may end, the Version and an AUTHENTICATE's MIC counting even when zero) and every security buffer's payload — are
   * no part of the message (MS-NLMP §2.2.1); padding between payloads is not counted.
   */
  private trailingData(buffers: readonly SecurityBuffer[], layouts: readonly number[], headerEnd: number): void {
    let claimed = Math.max(...layouts.filter((size) => size <= headerEnd));
    for (const buffer of buffers) if (buffer.length > 0) claimed = Math.max(claimed, buffer.offset + buffer.length);
    const extra = this.cursor.length - claimed;
    if (extra > 0) {
      this.warnings.push(
        problem('ntlm-trailing-data', `${extra} byte(s) after the message's last field, claimed by no field`, this.cursor.base + claimed),
      );
    }
  }

  private version(flags: number, at: number, headerEnd: number): NtlmVersion | null {
    if ((flags & NTLMSSP_NEGOTIATE_VERSION) === 0 || headerEnd < at + 8) return null;
    const cursor = this.cursor;
    this.mark('version', at, 8);
    return {
      major: cursor.u8(at, 'ProductMajorVersion'),
      minor: cursor.u8(at + 1, 'ProductMinorVersion'),
      build: cursor.u16(at + 2, 'ProductBuild'),
      revision: cursor.u8(at + 7, 'NTLMRevisionCurrent'),
    };
  }

  private flags(at: number): { flags: number; flagNames: string[] } {
    const flags = this.cursor.u32(at, 'NegotiateFlags');
    this.mark('flags', at, 4);
    return { flags, flagNames: ntlmFlagNames(flags) };
  }

  /** A message with every field at its "absent" value, filled in place by the readers (one object shape). */
  private empty(messageType: NtlmMessageType, flags: number, flagNames: string[]): Mutable<NtlmMessage> {
    return {
      messageType,
      flags,
      flagNames,
      domain: null,
      user: null,
      workstation: null,
      targetName: null,
      serverChallenge: null,
      version: null,
      targetInfo: null,
      responseVersion: null,
      ntlm2SessionResponse: false,
      lmResponseLength: null,
      ntResponseLength: null,
      ntlmV2Blob: null,
      mic: false,
      sessionKey: false,
      spans: this.spans,
    };
  }

  /** NEGOTIATE_MESSAGE, MS-NLMP §2.2.1.1. Old clients send only 16 bytes (no domain/workstation fields). */
  private negotiate(): NtlmMessage {
    const { flags, flagNames } = this.flags(12);
    const message = this.empty(1, flags, flagNames);
    if (this.cursor.length < 32) return message;
    const domain = this.securityBuffer(16, 'domain');
    const workstation = this.securityBuffer(24, 'workstation');
    // Domain and workstation are OEM strings, meaningful only when their *_SUPPLIED flags are set.
    const suppliedDomain = (flags & NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED) !== 0 && domain.length > 0;
    const suppliedWorkstation = (flags & NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED) !== 0 && workstation.length > 0;
    if (suppliedDomain) message.domain = this.text(domain, false, 'domain');
    if (suppliedWorkstation) message.workstation = this.text(workstation, false, 'workstation');
    const headerEnd = this.headerEnd([domain, workstation]);
    message.version = this.version(flags, 32, headerEnd);
    this.trailingData([domain, workstation], [32, 40], headerEnd);
    return message;
  }

  /** CHALLENGE_MESSAGE, MS-NLMP §2.2.1.2. */
  private challenge(): NtlmMessage {
    const cursor = this.cursor;
    const targetName = this.securityBuffer(12, 'targetName');
    const { flags, flagNames } = this.flags(20);
    const serverChallenge = toHex(cursor.slice(24, 8, 'ServerChallenge'));
    this.mark('serverChallenge', 24, 8);
    const message = this.empty(2, flags, flagNames);
    message.serverChallenge = serverChallenge;
    const unicode = (flags & NTLMSSP_NEGOTIATE_UNICODE) !== 0;
    let headerEnd = this.headerEnd([targetName]);
    const buffers = [targetName];
    if (headerEnd >= 48) {
      const info = this.securityBuffer(40, 'targetInfo');
      buffers.push(info);
      headerEnd = this.headerEnd(buffers);
      if (info.length > 0) {
        message.targetInfo = this.avPairs(cursor.slice(info.offset, info.length, 'TargetInfo'), cursor.base + info.offset);
        // MS-NLMP §2.2.1.2: TargetInfoFields are meaningful only with NTLMSSP_NEGOTIATE_TARGET_INFO; a client may ignore them.
        if ((flags & NTLMSSP_NEGOTIATE_TARGET_INFO) === 0) {
          this.warnings.push(
            problem(
              'ntlm-target-info-flag',
              'TargetInfo is present but NTLMSSP_NEGOTIATE_TARGET_INFO is clear: a client may ignore it, and answer with NTLMv1',
              cursor.base + 20,
            ),
          );
        }
      }
    }
    if (targetName.length > 0) message.targetName = this.text(targetName, unicode, 'targetName');
    message.version = this.version(flags, 48, headerEnd);
    this.trailingData(buffers, [32, 48, 56], headerEnd);
    return message;
  }

  /** AUTHENTICATE_MESSAGE, MS-NLMP §2.2.1.3. */
  private authenticate(): NtlmMessage {
    const cursor = this.cursor;
    const lm = this.securityBuffer(12, 'lmChallengeResponse');
    const nt = this.securityBuffer(20, 'ntChallengeResponse');
    const domain = this.securityBuffer(28, 'domain');
    const user = this.securityBuffer(36, 'user');
    const workstation = this.securityBuffer(44, 'workstation');
    const buffers = [lm, nt, domain, user, workstation];
    let headerEnd = this.headerEnd(buffers);
    let sessionKey: SecurityBuffer | null = null;
    if (headerEnd >= 60) {
      sessionKey = this.securityBuffer(52, 'encryptedRandomSessionKey');
      headerEnd = this.headerEnd([...buffers, sessionKey]);
    }
    let flags = 0;
    let flagNames: string[] = [];
    if (headerEnd >= 64) ({ flags, flagNames } = this.flags(60));
    else this.warnings.push(problem('ntlm-no-flags', 'AUTHENTICATE message too short to carry NegotiateFlags', cursor.base + 60));
    const unicode = (flags & NTLMSSP_NEGOTIATE_UNICODE) !== 0;

    const blob = nt.length > 24 ? this.ntlmV2Blob(nt) : null;
    // MIC field (16 bytes at offset 72) exists only when the payload starts at or after 88, MS-NLMP §2.2.1.3.
    const micPresent = headerEnd >= 88 && !isAllZero(cursor.slice(72, 16, 'MIC'));
    if (micPresent) this.mark('mic', 72, 16);
    const micPromised = ((blob?.info?.flags ?? 0) & MSV_AV_FLAG_MIC_PRESENT) !== 0;
    if (micPromised && !micPresent) {
      this.warnings.push(
        problem('ntlm-mic-missing', 'MsvAvFlags says a MIC is present but the MIC field is absent or zero', cursor.base + 72),
      );
    }
    this.trailingData(sessionKey ? [...buffers, sessionKey] : buffers, [52, 60, 64, 72, 88], headerEnd);
    const message = this.empty(3, flags, flagNames);
    message.domain = this.text(domain, unicode, 'domain');
    message.user = this.text(user, unicode, 'user');
    message.workstation = this.text(workstation, unicode, 'workstation');
    message.version = this.version(flags, 64, headerEnd);
    message.targetInfo = blob?.info ?? null;
    message.ntlmV2Blob = blob?.summary ?? null;
    message.responseVersion = this.responseVersion(lm, nt);
    message.ntlm2SessionResponse = message.responseVersion === 'v1' && this.isNtlm2SessionResponse(flags, lm, nt);
    message.lmResponseLength = lm.length;
    message.ntResponseLength = nt.length;
    message.mic = micPresent;
    message.sessionKey = sessionKey !== null && sessionKey.length > 0;
    return message;
  }

  /** NTLMv1 responses are 24 bytes; NTLMv2 longer; anonymous has an empty NT and a zero-or-one byte LM. */
  private responseVersion(lm: SecurityBuffer, nt: SecurityBuffer): NtlmMessage['responseVersion'] {
    if (nt.length === 0 && lm.length <= 1) return 'anonymous';
    if (nt.length === 24 || (nt.length === 0 && lm.length === 24)) return 'v1';
    if (nt.length > 24) return 'v2';
    this.warnings.push(
      problem(
        'ntlm-odd-response-length',
        `NtChallengeResponse of ${nt.length} bytes is neither NTLMv1 (24) nor NTLMv2`,
        this.cursor.base + nt.field,
      ),
    );
    return null;
  }

  /** MS-NLMP §3.3.1 with NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY: LmChallengeResponse = ClientChallenge ‖ Z(16). */
  private isNtlm2SessionResponse(flags: number, lm: SecurityBuffer, nt: SecurityBuffer): boolean {
    if ((flags & NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY) === 0 || nt.length !== 24 || lm.length !== 24) return false;
    return isAllZero(this.cursor.slice(lm.offset + 8, 16, 'LmChallengeResponse'));
  }

  /** NTLMv2_RESPONSE = NTProofStr(16) + NTLMv2_CLIENT_CHALLENGE, MS-NLMP §2.2.2.8 and §2.2.2.7. */
  private ntlmV2Blob(nt: SecurityBuffer): { summary: NtlmV2ClientBlob; info: NtlmTargetInfo | null } | null {
    const cursor = this.cursor;
    const start = nt.offset + 16;
    const end = nt.offset + nt.length;
    const parsed = guard((blobWarnings) => {
      const blob = new ByteCursor(cursor.slice(start, end - start, 'NTLMv2_CLIENT_CHALLENGE'), cursor.base + start);
      const respType = blob.u8(0, 'RespType');
      const hiRespType = blob.u8(1, 'HiRespType');
      if (respType !== 1 || hiRespType !== 1) {
        blobWarnings.push(
          problem('ntlm-v2-blob-version', `NTLMv2 client blob RespType ${respType}/${hiRespType}, expected 1/1`, blob.base),
        );
      }
      const summary: NtlmV2ClientBlob = {
        timestamp: fileTimeToIso(blob.u64(8, 'TimeStamp')),
        clientChallenge: toHex(blob.slice(16, 8, 'ChallengeFromClient')),
        range: [blob.base, blob.base + blob.length],
      };
      const pairsAt = 28;
      const info = blob.length > pairsAt ? this.avPairs(blob.bytes.subarray(pairsAt), blob.base + pairsAt, true) : null;
      return { summary, info };
    });
    if (!parsed.ok) {
      this.warnings.push(
        problem('ntlm-v2-blob-invalid', `NTLMv2 client blob could not be read: ${parsed.error.message}`, parsed.error.offset),
      );
      return null;
    }
    this.warnings.push(...parsed.warnings);
    this.spans['ntlmV2Blob'] = parsed.value.summary.range;
    return parsed.value;
  }

  /**
   * AV_PAIR list, MS-NLMP §2.2.2.1, ending with MsvAvEOL. In the NTLMv2 blob the list is followed by
   * padding (`trailingAllowed`), so bytes after MsvAvEOL are not a problem there.
   */
  private avPairs(bytes: Uint8Array, base: number, trailingAllowed = false): NtlmTargetInfo {
    const cursor = new ByteCursor(bytes, base);
    const pairs: AvPair[] = [];
    const text: (string | null)[] = [null, null, null, null, null, null, null, null, null, null];
    let timestamp: string | null = null;
    let flags: number | null = null;
    let channelBindings: string | null = null;
    let singleHost = false;
    let at = 0;
    let ended = false;
    while (at < cursor.length) {
      const id = cursor.u16(at, 'AvId');
      const length = cursor.u16(at + 2, 'AvLen');
      if (at + 4 + length > cursor.length) {
        abort('ntlm-av-pair-past-end', `AV pair ${avIdName(id)} of ${length} byte(s) runs past the end`, base + at);
      }
      const valueAt = at + 4;
      const range: ByteRange = [base + at, base + valueAt + length];
      at = valueAt + length;
      if (id === MsvAv.MsvAvEOL) {
        ended = true;
        break;
      }
      let shown: string;
      switch (id) {
        case MsvAv.MsvAvNbComputerName:
        case MsvAv.MsvAvNbDomainName:
        case MsvAv.MsvAvDnsComputerName:
        case MsvAv.MsvAvDnsDomainName:
        case MsvAv.MsvAvDnsTreeName:
        case MsvAv.MsvAvTargetName:
          shown = decodeUtf16le(bytes.subarray(valueAt, valueAt + length));
          text[id] = shown;
          break;
        case MsvAv.MsvAvFlags:
          flags = cursor.u32(valueAt, 'MsvAvFlags');
          shown = `0x${flags.toString(16).padStart(8, '0')}`;
          break;
        case MsvAv.MsvAvTimestamp:
          timestamp = fileTimeToIso(cursor.u64(valueAt, 'MsvAvTimestamp'));
          shown = timestamp;
          break;
        case MsvAv.MsvAvSingleHost:
          singleHost = true;
          shown = `${length} bytes`;
          break;
        case MsvAv.MsvAvChannelBindings:
          channelBindings = toHex(bytes.subarray(valueAt, valueAt + length));
          shown = channelBindings;
          break;
        default:
          this.warnings.push(problem('ntlm-av-unknown', `unknown AV pair id ${id}`, range[0]));
          shown = toHex(bytes.subarray(valueAt, valueAt + length));
      }
      pairs.push({ id, name: avIdName(id), value: shown, range });
    }
    if (!ended) this.warnings.push(problem('ntlm-av-no-eol', 'AV pair list does not end with MsvAvEOL', base + at));
    else if (!trailingAllowed && at < cursor.length) {
      this.warnings.push(problem('ntlm-av-trailing', `${cursor.length - at} byte(s) after MsvAvEOL`, base + at));
    }
    return {
      nbComputerName: text[MsvAv.MsvAvNbComputerName] ?? null,
      nbDomainName: text[MsvAv.MsvAvNbDomainName] ?? null,
      dnsComputerName: text[MsvAv.MsvAvDnsComputerName] ?? null,
      dnsDomainName: text[MsvAv.MsvAvDnsDomainName] ?? null,
      dnsTreeName: text[MsvAv.MsvAvDnsTreeName] ?? null,
      timestamp,
      flags,
      targetName: text[MsvAv.MsvAvTargetName] ?? null,
      channelBindings,
      singleHost,
      pairs,
      range: [base, base + at],
    };
  }
}
