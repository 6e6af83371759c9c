// NTLM wire constants with their MS-NLMP names.

/** "NTLMSSP\0", MS-NLMP §2.2.1. */
export const NTLM_SIGNATURE = [0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00] as const;

/** NegotiateFlags bits, MS-NLMP §2.2.2.5 (letters A–W and the reserved r1–r10 in the spec's figure). */
export const NTLM_FLAGS: readonly (readonly [bit: number, name: string])[] = [
  [0x00000001, 'NTLMSSP_NEGOTIATE_UNICODE'],
  [0x00000002, 'NTLM_NEGOTIATE_OEM'],
  [0x00000004, 'NTLMSSP_REQUEST_TARGET'],
  [0x00000008, 'NTLMSSP_RESERVED_R10'],
  [0x00000010, 'NTLMSSP_NEGOTIATE_SIGN'],
  [0x00000020, 'NTLMSSP_NEGOTIATE_SEAL'],
  [0x00000040, 'NTLMSSP_NEGOTIATE_DATAGRAM'],
  [0x00000080, 'NTLMSSP_NEGOTIATE_LM_KEY'],
  [0x00000100, 'NTLMSSP_RESERVED_R9'],
  [0x00000200, 'NTLMSSP_NEGOTIATE_NTLM'],
  [0x00000400, 'NTLMSSP_RESERVED_R8'],
  [0x00000800, 'NTLMSSP_NEGOTIATE_ANONYMOUS'],
  [0x00001000, 'NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED'],
  [0x00002000, 'NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED'],
  [0x00004000, 'NTLMSSP_RESERVED_R7'],
  [0x00008000, 'NTLMSSP_NEGOTIATE_ALWAYS_SIGN'],
  [0x00010000, 'NTLMSSP_TARGET_TYPE_DOMAIN'],
  [0x00020000, 'NTLMSSP_TARGET_TYPE_SERVER'],
  [0x00040000, 'NTLMSSP_RESERVED_R6'],
  [0x00080000, 'NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY'],
  [0x00100000, 'NTLMSSP_NEGOTIATE_IDENTIFY'],
  [0x00200000, 'NTLMSSP_RESERVED_R5'],
  [0x00400000, 'NTLMSSP_REQUEST_NON_NT_SESSION_KEY'],
  [0x00800000, 'NTLMSSP_NEGOTIATE_TARGET_INFO'],
  [0x01000000, 'NTLMSSP_RESERVED_R4'],
  [0x02000000, 'NTLMSSP_NEGOTIATE_VERSION'],
  [0x04000000, 'NTLMSSP_RESERVED_R3'],
  [0x08000000, 'NTLMSSP_RESERVED_R2'],
  [0x10000000, 'NTLMSSP_RESERVED_R1'],
  [0x20000000, 'NTLMSSP_NEGOTIATE_128'],
  [0x40000000, 'NTLMSSP_NEGOTIATE_KEY_EXCH'],
  [0x80000000, 'NTLMSSP_NEGOTIATE_56'],
];

export const NTLMSSP_NEGOTIATE_UNICODE = 0x00000001;
export const NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED = 0x00001000;
export const NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED = 0x00002000;
export const NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x00080000;
export const NTLMSSP_NEGOTIATE_TARGET_INFO = 0x00800000;
export const NTLMSSP_NEGOTIATE_VERSION = 0x02000000;

/** AvId values of AV_PAIR, MS-NLMP §2.2.2.1. */
export const MsvAv = {
  MsvAvEOL: 0,
  MsvAvNbComputerName: 1,
  MsvAvNbDomainName: 2,
  MsvAvDnsComputerName: 3,
  MsvAvDnsDomainName: 4,
  MsvAvDnsTreeName: 5,
  MsvAvFlags: 6,
  MsvAvTimestamp: 7,
  MsvAvSingleHost: 8,
  MsvAvTargetName: 9,
  MsvAvChannelBindings: 10,
} as const;

/** MsvAvFlags bits, MS-NLMP §2.2.2.1. */
export const MSV_AV_FLAG_CONSTRAINED = 0x1;
export const MSV_AV_FLAG_MIC_PRESENT = 0x2;
export const MSV_AV_FLAG_UNTRUSTED_SPN = 0x4;

/** NTLMRevisionCurrent, MS-NLMP §2.2.2.10. */
export const NTLMSSP_REVISION_W2K3 = 0x0f;

/** Names of the flags set in a NegotiateFlags value, in bit order. */
export function ntlmFlagNames(flags: number): string[] {
  const names: string[] = [];
  for (const [bit, name] of NTLM_FLAGS) if ((flags & bit) !== 0) names.push(name);
  return names;
}

const AV_ID_NAMES: readonly string[] = Object.keys(MsvAv);

/** Name of an AvId, or `MsvAvUnknown(n)` (MsvAv ids are 0…10 in order). */
export function avIdName(id: number): string {
  return AV_ID_NAMES[id] ?? `MsvAvUnknown(${id})`;
}
