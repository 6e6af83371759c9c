// Kerberos wire constants: error codes (RFC 4120 §7.5.9, RFC 6113), encryption types and name types.

/** error-code → [name, one-line meaning], RFC 4120 §7.5.9 (and RFC 4556 / RFC 6113 where noted). */
export const KERBEROS_ERRORS: Readonly<Record<number, readonly [name: string, meaning: string]>> = {
  0: ['KDC_ERR_NONE', 'No error'],
  1: ['KDC_ERR_NAME_EXP', "Client's entry in the database has expired"],
  2: ['KDC_ERR_SERVICE_EXP', "Server's entry in the database has expired"],
  3: ['KDC_ERR_BAD_PVNO', 'Requested protocol version number not supported'],
  4: ['KDC_ERR_C_OLD_MAST_KVNO', "Client's key encrypted in old master key"],
  5: ['KDC_ERR_S_OLD_MAST_KVNO', "Server's key encrypted in old master key"],
  6: ['KDC_ERR_C_PRINCIPAL_UNKNOWN', 'Client not found in Kerberos database'],
  7: ['KDC_ERR_S_PRINCIPAL_UNKNOWN', 'Server not found in Kerberos database (no such SPN)'],
  8: ['KDC_ERR_PRINCIPAL_NOT_UNIQUE', 'Multiple principal entries in database (duplicate SPN)'],
  9: ['KDC_ERR_NULL_KEY', 'The client or server has a null key'],
  10: ['KDC_ERR_CANNOT_POSTDATE', 'Ticket not eligible for postdating'],
  11: ['KDC_ERR_NEVER_VALID', 'Requested start time is later than end time'],
  12: ['KDC_ERR_POLICY', 'KDC policy rejects request'],
  13: ['KDC_ERR_BADOPTION', 'KDC cannot accommodate requested option'],
  14: ['KDC_ERR_ETYPE_NOSUPP', 'KDC has no support for encryption type'],
  15: ['KDC_ERR_SUMTYPE_NOSUPP', 'KDC has no support for checksum type'],
  16: ['KDC_ERR_PADATA_TYPE_NOSUPP', 'KDC has no support for padata type'],
  17: ['KDC_ERR_TRTYPE_NOSUPP', 'KDC has no support for transited type'],
  18: ['KDC_ERR_CLIENT_REVOKED', "Client's credentials have been revoked"],
  19: ['KDC_ERR_SERVICE_REVOKED', 'Credentials for server have been revoked'],
  20: ['KDC_ERR_TGT_REVOKED', 'TGT has been revoked'],
  21: ['KDC_ERR_CLIENT_NOTYET', 'Client not yet valid; try again later'],
  22: ['KDC_ERR_SERVICE_NOTYET', 'Server not yet valid; try again later'],
  23: ['KDC_ERR_KEY_EXPIRED', 'Password has expired; change password to reset'],
  24: ['KDC_ERR_PREAUTH_FAILED', 'Pre-authentication information was invalid (wrong password)'],
  25: ['KDC_ERR_PREAUTH_REQUIRED', 'Additional pre-authentication required'],
  26: ['KDC_ERR_SERVER_NOMATCH', "Requested server and ticket don't match"],
  27: ['KDC_ERR_MUST_USE_USER2USER', 'Server principal valid for user-to-user only'],
  28: ['KDC_ERR_PATH_NOT_ACCEPTED', 'KDC policy rejects transited path'],
  29: ['KDC_ERR_SVC_UNAVAILABLE', 'A service is not available'],
  31: ['KRB_AP_ERR_BAD_INTEGRITY', 'Integrity check on decrypted field failed'],
  32: ['KRB_AP_ERR_TKT_EXPIRED', 'Ticket expired'],
  33: ['KRB_AP_ERR_TKT_NYV', 'Ticket not yet valid'],
  34: ['KRB_AP_ERR_REPEAT', 'Request is a replay'],
  35: ['KRB_AP_ERR_NOT_US', "The ticket isn't for us"],
  36: ['KRB_AP_ERR_BADMATCH', "Ticket and authenticator don't match"],
  37: ['KRB_AP_ERR_SKEW', 'Clock skew too great'],
  38: ['KRB_AP_ERR_BADADDR', 'Incorrect net address'],
  39: ['KRB_AP_ERR_BADVERSION', 'Protocol version mismatch'],
  40: ['KRB_AP_ERR_MSG_TYPE', 'Invalid message type'],
  41: ['KRB_AP_ERR_MODIFIED', 'Message stream modified (ticket not decryptable with the service key: SPN on the wrong account)'],
  42: ['KRB_AP_ERR_BADORDER', 'Message out of order'],
  44: ['KRB_AP_ERR_BADKEYVER', 'Specified version of key is not available (stale keytab or changed password)'],
  45: ['KRB_AP_ERR_NOKEY', 'Service key not available'],
  46: ['KRB_AP_ERR_MUT_FAIL', 'Mutual authentication failed'],
  47: ['KRB_AP_ERR_BADDIRECTION', 'Incorrect message direction'],
  48: ['KRB_AP_ERR_METHOD', 'Alternative authentication method required'],
  49: ['KRB_AP_ERR_BADSEQ', 'Incorrect sequence number in message'],
  50: ['KRB_AP_ERR_INAPP_CKSUM', 'Inappropriate type of checksum in message'],
  51: ['KRB_AP_PATH_NOT_ACCEPTED', 'Policy rejects transited path'],
  52: ['KRB_ERR_RESPONSE_TOO_BIG', 'Response too big for UDP; retry with TCP'],
  60: ['KRB_ERR_GENERIC', 'Generic error (description in e-text)'],
  61: ['KRB_ERR_FIELD_TOOLONG', 'Field is too long for this implementation'],
  62: ['KDC_ERROR_CLIENT_NOT_TRUSTED', 'PKINIT: client not trusted (RFC 4556)'],
  63: ['KDC_ERROR_KDC_NOT_TRUSTED', 'PKINIT: KDC not trusted (RFC 4556)'],
  64: ['KDC_ERROR_INVALID_SIG', 'PKINIT: invalid signature (RFC 4556)'],
  65: ['KDC_ERR_KEY_TOO_WEAK', 'PKINIT: key too weak (RFC 4556)'],
  66: ['KDC_ERR_CERTIFICATE_MISMATCH', 'PKINIT: certificate mismatch (RFC 4556)'],
  67: ['KRB_AP_ERR_NO_TGT', 'No TGT available to validate user-to-user'],
  68: ['KDC_ERR_WRONG_REALM', 'Wrong realm (referral)'],
  69: ['KRB_AP_ERR_USER_TO_USER_REQUIRED', 'Ticket must be for user-to-user'],
  70: ['KDC_ERR_CANT_VERIFY_CERTIFICATE', 'PKINIT: cannot verify certificate (RFC 4556)'],
  71: ['KDC_ERR_INVALID_CERTIFICATE', 'PKINIT: invalid certificate (RFC 4556)'],
  72: ['KDC_ERR_REVOKED_CERTIFICATE', 'PKINIT: revoked certificate (RFC 4556)'],
  73: ['KDC_ERR_REVOCATION_STATUS_UNKNOWN', 'PKINIT: revocation status unknown (RFC 4556)'],
  74: ['KDC_ERR_REVOCATION_STATUS_UNAVAILABLE', 'PKINIT: revocation status unavailable (RFC 4556)'],
  75: ['KDC_ERR_CLIENT_NAME_MISMATCH', 'PKINIT: client name mismatch (RFC 4556)'],
  76: ['KDC_ERR_KDC_NAME_MISMATCH', 'PKINIT: KDC name mismatch (RFC 4556)'],
  90: ['KDC_ERR_PREAUTH_EXPIRED', 'Pre-authentication expired (RFC 6113)'],
  91: ['KDC_ERR_MORE_PREAUTH_DATA_REQUIRED', 'More pre-authentication data required (RFC 6113)'],
  92: ['KDC_ERR_PREAUTH_BAD_AUTHENTICATION_SET', 'Bad pre-authentication set (RFC 6113)'],
  93: ['KDC_ERR_UNKNOWN_CRITICAL_FAST_OPTIONS', 'Unknown critical FAST options (RFC 6113)'],
};

/** etype → [name, weak], RFC 3961 §8, RFC 3962, RFC 4757, RFC 6803, RFC 8009; weak per RFC 6649 and RFC 8429. */
export const ENCRYPTION_TYPES: Readonly<Record<number, readonly [name: string, weak: boolean]>> = {
  1: ['des-cbc-crc', true],
  2: ['des-cbc-md4', true],
  3: ['des-cbc-md5', true],
  5: ['des3-cbc-md5', true],
  7: ['des3-cbc-sha1', true],
  16: ['des3-cbc-sha1-kd', true],
  17: ['aes128-cts-hmac-sha1-96', false],
  18: ['aes256-cts-hmac-sha1-96', false],
  19: ['aes128-cts-hmac-sha256-128', false],
  20: ['aes256-cts-hmac-sha384-192', false],
  23: ['rc4-hmac', true],
  24: ['rc4-hmac-exp', true],
  25: ['camellia128-cts-cmac', false],
  26: ['camellia256-cts-cmac', false],
};

/** PrincipalName name-type, RFC 4120 §6.2 (and MS-KILE for the negative ones). */
export const NAME_TYPES: Readonly<Record<number, string>> = {
  0: 'NT-UNKNOWN',
  1: 'NT-PRINCIPAL',
  2: 'NT-SRV-INST',
  3: 'NT-SRV-HST',
  4: 'NT-SRV-XHST',
  5: 'NT-UID',
  6: 'NT-X500-PRINCIPAL',
  7: 'NT-SMTP-NAME',
  10: 'NT-ENTERPRISE',
  [-128]: 'NT-MS-PRINCIPAL',
  [-129]: 'NT-MS-PRINCIPAL-AND-ID',
  [-130]: 'NT-ENT-PRINCIPAL-AND-ID',
};

/** Name of an error code, e.g. `KRB_AP_ERR_MODIFIED`, or `KRB_ERR_UNKNOWN(n)`. */
export function kerberosErrorName(code: number): string {
  return KERBEROS_ERRORS[code]?.[0] ?? `KRB_ERR_UNKNOWN(${code})`;
}

/** One-line meaning of an error code. */
export function kerberosErrorMeaning(code: number): string {
  return KERBEROS_ERRORS[code]?.[1] ?? 'Error code not defined in RFC 4120';
}

/** Who sent a KRB-ERROR: the KDC, or the server that received the AP-REQ (RFC 4120 §3.1.6, §3.2.6). */
export type KerberosErrorSender = 'kdc' | 'server';

/**
 * The sender of an error from its name (the RFC 4120 §7.5.9 prefixes) and the KRB-ERROR's sname: KDC_ERR_* come from
 * the KDC; KRB_AP_* from whoever checked an AP-REQ — the KDC too when it checks the TGT of a TGS-REQ (RFC 4120 §3.3.2),
 * which names krbtgt as the server. Null for the KRB_ERR_* codes, which either may send.
 */
export function kerberosErrorSender(name: string, sname: string | null): KerberosErrorSender | null {
  if (name.startsWith('KDC_ERR')) return 'kdc';
  if (name.startsWith('KRB_AP_')) return sname?.startsWith('krbtgt/') ? 'kdc' : 'server';
  return null;
}

/** Name of an encryption type, e.g. `aes256-cts-hmac-sha1-96`, or `etype(n)`. */
export function etypeName(etype: number): string {
  return ENCRYPTION_TYPES[etype]?.[0] ?? `etype(${etype})`;
}

/** True for DES, 3DES and RC4 encryption types (RFC 6649, RFC 8429). */
export function isWeakEtype(etype: number): boolean {
  return ENCRYPTION_TYPES[etype]?.[1] ?? false;
}

/** Name of a principal name type. */
export function nameTypeName(nameType: number): string {
  return NAME_TYPES[nameType] ?? `name-type(${nameType})`;
}
