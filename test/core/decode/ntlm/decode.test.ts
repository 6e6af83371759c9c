import { describe, expect, it } from 'vitest';
import { ntlmAuthenticate } from '../../../helpers/tokens';
import { decodeNtlmMessage, fileTimeToIso } from '../../../../src/core/decode/ntlm/decode';
import { hex, labToken } from '../../../helpers/fixtures';
import { publicToken, publicTokens } from '../../../helpers/public-tokens';

const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

// MS-NLMP §4.2.4.3 (NTLMv2 example) CHALLENGE_MESSAGE: flags 0xe28a8233, target "Server",
// TargetInfo MsvAvNbDomainName "Domain" + MsvAvNbComputerName "Server", version 6.0.6000 rev 15.
const SPEC_V2_CHALLENGE = hex(`
  4e544c4d53535000 02000000 0c000c00 38000000 33828ae2 0123456789abcdef 0000000000000000
  24002400 44000000 060070170000000f
  530065007200760065007200
  02000c0044006f006d00610069006e00 01000c00530065007200760065007200 00000000`);

// MS-NLMP §4.2.3.3 (NTLMv1 with client challenge example) CHALLENGE_MESSAGE: no TargetInfo.
const SPEC_V1_CHALLENGE = hex(`
  4e544c4d53535000 02000000 0c000c00 38000000 33820a82 0123456789abcdef 0000000000000000
  0000000000000000 060070170000000f 530065007200760065007200`);

describe('decodeNtlmMessage — MS-NLMP §4.2 examples', () => {
  it('decodes the §4.2.4.3 NTLMv2 CHALLENGE_MESSAGE', () => {
    const result = decodeNtlmMessage(SPEC_V2_CHALLENGE);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.warnings).toEqual([]);
    const message = result.value;
    expect(message).toMatchObject({
      messageType: 2,
      flags: 0xe28a8233,
      targetName: 'Server',
      serverChallenge: '0123456789abcdef',
      version: { major: 6, minor: 0, build: 6000, revision: 15 },
      targetInfo: { nbDomainName: 'Domain', nbComputerName: 'Server', timestamp: null, flags: null },
    });
    expect(message.flagNames).toEqual([
      'NTLMSSP_NEGOTIATE_UNICODE',
      'NTLM_NEGOTIATE_OEM',
      'NTLMSSP_NEGOTIATE_SIGN',
      'NTLMSSP_NEGOTIATE_SEAL',
      'NTLMSSP_NEGOTIATE_NTLM',
      'NTLMSSP_NEGOTIATE_ALWAYS_SIGN',
      'NTLMSSP_TARGET_TYPE_SERVER',
      'NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY',
      'NTLMSSP_NEGOTIATE_TARGET_INFO',
      'NTLMSSP_NEGOTIATE_VERSION',
      'NTLMSSP_NEGOTIATE_128',
      'NTLMSSP_NEGOTIATE_KEY_EXCH',
      'NTLMSSP_NEGOTIATE_56',
    ]);
    expect(message.spans['serverChallenge']).toEqual([24, 32]);
    expect(message.spans['targetName']).toEqual([56, 68]);
    expect(message.targetInfo?.pairs.map((pair) => [pair.name, pair.range])).toEqual([
      ['MsvAvNbDomainName', [68, 84]],
      ['MsvAvNbComputerName', [84, 100]],
    ]);
  });

  it('decodes the §4.2.3.3 CHALLENGE_MESSAGE that has no TargetInfo', () => {
    const result = decodeNtlmMessage(SPEC_V1_CHALLENGE);
    expect(result.ok && result.value).toMatchObject({ flags: 0x820a8233, targetName: 'Server', targetInfo: null });
  });
});

describe('decodeNtlmMessage — lab captures (test/fixtures/tokens)', () => {
  it('decodes Chromium 156 NEGOTIATE (32 bytes, no version)', () => {
    const result = decodeNtlmMessage(bytesOf(labToken('chromium-ntlm-negotiate')));
    expect(result.ok && result.value).toMatchObject({ messageType: 1, flags: 0x00088207, domain: null, workstation: null, version: null });
  });

  it('decodes the lab CHALLENGE with its timestamp and DNS names', () => {
    const result = decodeNtlmMessage(bytesOf(labToken('lab-ntlm-challenge')));
    expect(result.ok && result.value).toMatchObject({
      messageType: 2,
      targetName: 'LAB',
      version: { major: 10, minor: 0, build: 17763, revision: 15 },
      targetInfo: {
        nbDomainName: 'LAB',
        nbComputerName: 'IIS01',
        dnsDomainName: 'lab.test',
        dnsComputerName: 'iis01.lab.test',
        dnsTreeName: 'lab.test',
        timestamp: expect.stringMatching(/^2026-11-22T\d\d:\d\d:\d\d\.\d{3}Z$/),
      },
    });
  });

  it('decodes Chromium 156 AUTHENTICATE: NTLMv2, MIC, MsvAvFlags, channel bindings, target name', () => {
    const result = decodeNtlmMessage(bytesOf(labToken('chromium-ntlm-authenticate')));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.warnings).toEqual([]);
    expect(result.value).toMatchObject({
      messageType: 3,
      domain: '',
      user: 'alice',
      workstation: 'vm',
      responseVersion: 'v2',
      lmResponseLength: 24,
      ntResponseLength: 232,
      mic: true,
      sessionKey: false,
      targetInfo: {
        flags: 2,
        channelBindings: '00000000000000000000000000000000',
        targetName: 'HTTP/127.0.0.1:18081',
        nbDomainName: 'LAB',
      },
    });
    expect(result.value.spans['mic']).toEqual([72, 88]);
  });

  it('decodes curl 7.88 AUTHENTICATE: NTLMv2 without MIC, OEM-free Unicode names', () => {
    const result = decodeNtlmMessage(bytesOf(labToken('curl-ntlm-authenticate')));
    expect(result.ok && result.value).toMatchObject({
      domain: 'LAB',
      user: 'alice',
      workstation: 'WORKSTATION',
      responseVersion: 'v2',
      ntResponseLength: 160,
      mic: false,
    });
  });

  it('offsets ranges by the base it is given (NTLM inside SPNEGO)', () => {
    const result = decodeNtlmMessage(SPEC_V2_CHALLENGE, 100);
    expect(result.ok && result.value.spans['serverChallenge']).toEqual([124, 132]);
  });
});

describe('decodeNtlmMessage — AUTHENTICATE variants built from §2.2.1.3', () => {
  const authenticate = ntlmAuthenticate;

  it.each([
    [1, 0, 'anonymous'],
    [0, 0, 'anonymous'],
    [24, 24, 'v1'],
    [24, 0, 'v1'],
  ])('LM %i bytes, NT %i bytes → %s', (lm, nt, version) => {
    const result = decodeNtlmMessage(authenticate(lm, nt));
    expect(result.ok && result.value.responseVersion).toBe(version);
  });

  it('warns about an NT response that is neither v1 nor v2', () => {
    const result = decodeNtlmMessage(authenticate(0, 10));
    expect(result.ok && result.warnings).toContainEqual(expect.objectContaining({ code: 'ntlm-odd-response-length', offset: 20 }));
  });
});

describe('decodeNtlmMessage — malformed input', () => {
  const tamper = (bytes: Uint8Array, at: number, ...values: number[]) => {
    const copy = bytes.slice();
    copy.set(values, at);
    return copy;
  };
  it.each([
    ['a wrong signature', tamper(SPEC_V2_CHALLENGE, 6, 0x58), 'ntlm-bad-signature', 0],
    ['message type 4', tamper(SPEC_V2_CHALLENGE, 8, 4), 'ntlm-bad-message-type', 8],
    ['a cut-off header', SPEC_V2_CHALLENGE.slice(0, 18), 'past-end', 16],
    ['a TargetInfo offset past the end', tamper(SPEC_V2_CHALLENGE, 44, 0xff, 0xff), 'ntlm-buffer-out-of-range', 40],
    ['a TargetName length past the end', tamper(SPEC_V2_CHALLENGE, 12, 0xff), 'ntlm-buffer-out-of-range', 12],
    ['an AV pair longer than TargetInfo', tamper(SPEC_V2_CHALLENGE, 70, 0x40), 'ntlm-av-pair-past-end', 68],
    ['only the signature', SPEC_V2_CHALLENGE.slice(0, 8), 'past-end', 8],
  ])('rejects %s', (_, bytes, code, offset) => {
    expect(decodeNtlmMessage(bytes)).toEqual({ ok: false, error: expect.objectContaining({ code, offset }) });
  });

  it('keeps the message when the NTLMv2 blob is broken and says so', () => {
    const bytes = bytesOf(labToken('curl-ntlm-authenticate'));
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const ntOffset = view.getUint32(24, true);
    bytes[ntOffset + 16 + 28 + 2] = 0xff; // first AV pair's AvLen → runs past the blob
    const result = decodeNtlmMessage(bytes);
    expect(result.ok && result.value.user).toBe('alice');
    expect(result.ok && result.warnings).toContainEqual(expect.objectContaining({ code: 'ntlm-v2-blob-invalid' }));
  });
});

describe('fileTimeToIso', () => {
  it('converts FILETIME to ISO 8601 (MS-DTYP §2.3.3)', () => {
    expect(fileTimeToIso(116444736000000000)).toBe('1970-01-01T00:00:00.000Z');
    expect(fileTimeToIso(0)).toBe('1601-01-01T00:00:00.000Z');
    expect(fileTimeToIso(2 ** 64 - 1)).toBe('+060056-05-28T05:36:10.955Z');
  });
});

describe('fileTimeToIso agrees with Date across the range', () => {
  it('matches Date#toISOString for 20,000 spread timestamps', () => {
    for (let index = 0; index < 20_000; index++) {
      const fileTime = Math.floor((index / 20_000) * 2 ** 64) + index * 9973;
      expect(fileTimeToIso(fileTime)).toBe(new Date(Math.floor(fileTime / 10000) - 11644473600000).toISOString());
    }
  });
});

describe('decodeNtlmMessage — every AV pair and OEM strings (built from MS-NLMP §2.2.1 and §2.2.2.1)', () => {
  const utf16 = (text: string) => [...Buffer.from(text, 'utf16le')];
  const av = (id: number, value: number[]) => [id & 0xff, id >> 8, value.length & 0xff, value.length >> 8, ...value];
  const u32 = (value: number) => [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >>> 24];

  /** A CHALLENGE with the given flags, target name bytes and TargetInfo bytes. */
  function challenge(flags: number, target: number[], info: number[]): Uint8Array {
    const header = [
      ...hex('4e544c4d53535000 02000000'),
      ...[target.length, 0, target.length, 0, ...u32(56)],
      ...u32(flags),
      ...hex('0123456789abcdef 0000000000000000'),
      ...[info.length & 0xff, info.length >> 8, info.length & 0xff, info.length >> 8, ...u32(56 + target.length)],
      ...hex('0a00634500000f'),
      0x0f,
    ];
    return Uint8Array.from([...header.slice(0, 56), ...target, ...info]);
  }

  it('reads every MsvAv id, including MsvAvSingleHost, MsvAvChannelBindings and an unknown id', () => {
    const info = [
      ...av(1, utf16('IIS01')),
      ...av(2, utf16('LAB')),
      ...av(3, utf16('iis01.lab.test')),
      ...av(4, utf16('lab.test')),
      ...av(5, utf16('corp.test')),
      ...av(6, u32(0x00000006)),
      ...av(7, [0x00, 0x40, 0x6d, 0x25, 0xeb, 0x53, 0xbf, 0x01]),
      ...av(8, [48, 0, 0, 0, ...new Array(44).fill(0)]),
      ...av(9, utf16('HTTP/intranet.lab.test')),
      ...av(10, new Array(16).fill(0xab)),
      ...av(42, [1, 2]),
      ...av(0, []),
    ];
    const result = decodeNtlmMessage(challenge(0xe2898215, utf16('LAB'), info));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.targetInfo).toMatchObject({
      nbComputerName: 'IIS01',
      nbDomainName: 'LAB',
      dnsComputerName: 'iis01.lab.test',
      dnsDomainName: 'lab.test',
      dnsTreeName: 'corp.test',
      flags: 6,
      timestamp: '2000-01-01T00:00:00.000Z',
      singleHost: true,
      targetName: 'HTTP/intranet.lab.test',
      channelBindings: 'ab'.repeat(16),
    });
    expect(result.value.targetInfo?.pairs.map((pair) => pair.name)).toEqual([
      'MsvAvNbComputerName',
      'MsvAvNbDomainName',
      'MsvAvDnsComputerName',
      'MsvAvDnsDomainName',
      'MsvAvDnsTreeName',
      'MsvAvFlags',
      'MsvAvTimestamp',
      'MsvAvSingleHost',
      'MsvAvTargetName',
      'MsvAvChannelBindings',
      'MsvAvUnknown(42)',
    ]);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'ntlm-av-unknown' })]);
  });

  it('reads an OEM target name when NTLMSSP_NEGOTIATE_UNICODE is clear, and warns on a missing MsvAvEOL', () => {
    const result = decodeNtlmMessage(challenge(0x00000202, [...Buffer.from('LAB', 'latin1')], av(2, utf16('LAB'))));
    expect(result.ok && result.value.targetName).toBe('LAB');
    expect(result.ok && result.warnings).toContainEqual(expect.objectContaining({ code: 'ntlm-av-no-eol' }));
  });

  it('reads an OEM NEGOTIATE with supplied domain and workstation and a version', () => {
    const flags = 0x02000000 | 0x00001000 | 0x00002000 | 0x00000207;
    const message = Uint8Array.from([
      ...hex('4e544c4d53535000 01000000'),
      ...u32(flags),
      ...[3, 0, 3, 0, ...u32(40)],
      ...[4, 0, 4, 0, ...u32(43)],
      ...hex('0a0063450000000f'),
      ...Buffer.from('LABWS01', 'latin1'),
    ]);
    const result = decodeNtlmMessage(message);
    expect(result.ok && result.value).toMatchObject({
      domain: 'LAB',
      workstation: 'WS01',
      version: { major: 10, minor: 0, build: 17763, revision: 15 },
    });
  });
});

describe('decodeNtlmMessage — bytes no field claims, and TargetInfo without its flag (public messages)', () => {
  const publicBytes = (name: string) => bytesOf(publicToken(name));
  const ntlmNames = publicTokens.filter((token) => token.kind.startsWith('NTLM ')).map((token) => token.name);

  it('finds no trailing data in any public NTLM message', () => {
    expect(ntlmNames.length).toBeGreaterThanOrEqual(20);
    for (const name of ntlmNames) {
      const result = decodeNtlmMessage(publicBytes(name));
      expect(result.ok && result.warnings.map((warning) => warning.code), name).not.toContain('ntlm-trailing-data');
    }
  });

  it.each([
    ['a 32-byte NEGOTIATE (half a Version field is no Version)', 'chromium-ntlm-negotiate', 32],
    ['a CHALLENGE with TargetInfo', 'pyspnego-ntlm-challenge', 206],
    ['an AUTHENTICATE with a MIC', 'chromium-ntlmv2-authenticate-cbt-mic', 286],
    ['an NTLMv1 AUTHENTICATE without a Version', 'curl-test91-ntlm-authenticate', 137],
  ] as const)('warns about bytes appended to %s, at the first one', (_, name, end) => {
    const result = decodeNtlmMessage(Uint8Array.from([...publicBytes(name), 0xde, 0xad, 0xbe, 0xef]), 100);
    expect(result.ok && result.warnings).toEqual([
      expect.objectContaining({ code: 'ntlm-trailing-data', offset: 100 + end, message: expect.stringContaining('4 byte(s)') }),
    ]);
  });

  it('does not count the zero Version field of a 40-byte NEGOTIATE without NTLMSSP_NEGOTIATE_VERSION', () => {
    const withZeroVersion = Uint8Array.from([...publicBytes('chromium-ntlm-negotiate'), 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(decodeNtlmMessage(withZeroVersion)).toMatchObject({ ok: true, warnings: [] });
  });

  it('warns about TargetInfo sent while NTLMSSP_NEGOTIATE_TARGET_INFO is clear (curl test91’s IIS-style CHALLENGE)', () => {
    const result = decodeNtlmMessage(publicBytes('curl-test91-ntlm-challenge'));
    expect(result.ok && result.value.targetInfo?.dnsComputerName).toBe('elisabeth.cc.icedev.nu');
    expect(result.ok && result.warnings).toEqual([expect.objectContaining({ code: 'ntlm-target-info-flag', offset: 20 })]);
    expect(decodeNtlmMessage(publicBytes('pyspnego-ntlm-challenge'))).toMatchObject({ ok: true, warnings: [] });
  });
});

describe('decodeNtlmMessage — the NTLM2 session response (MS-NLMP §3.3.1, extended session security)', () => {
  const publicBytes = (name: string) => bytesOf(publicToken(name));

  it.each([
    ['chromium-ntlm-ess-authenticate', true],
    ['ms-nlmp-4.2.2.3-ntlmv1-authenticate', false],
    ['curl-test91-ntlm-authenticate', false],
    ['chromium-ntlmv2-authenticate-cbt-mic', false],
  ] as const)('%s: %s', (name, expected) => {
    const result = decodeNtlmMessage(publicBytes(name));
    expect(result.ok && result.value.ntlm2SessionResponse).toBe(expected);
  });

  it('is not one when the LM field after the client nonce is not all zero, or the ESS flag is clear', () => {
    const ess = publicBytes('chromium-ntlm-ess-authenticate');
    const view = new DataView(ess.buffer, ess.byteOffset);
    const lmOffset = view.getUint32(16, true);
    const tamperedLm = Uint8Array.from(ess);
    tamperedLm[lmOffset + 20] = 1;
    expect(decodeNtlmMessage(tamperedLm)).toMatchObject({ ok: true, value: { responseVersion: 'v1', ntlm2SessionResponse: false } });
    const noFlag = Uint8Array.from(ess);
    noFlag[62] = (noFlag[62] as number) & ~0x08;
    expect(decodeNtlmMessage(noFlag)).toMatchObject({ ok: true, value: { responseVersion: 'v1', ntlm2SessionResponse: false } });
  });
});
