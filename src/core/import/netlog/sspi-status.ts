// SSPI SECURITY_STATUS values Chromium's NetLog writes on Windows (AUTH_LIBRARY_* "security_status", a signed 32-bit
// number), by name: the codes its status mapping knows (Chromium net/http/http_auth_sspi_win.cc) and the Kerberos
// ones support engineers meet (winerror.h).
const SSPI_STATUS: ReadonlyMap<number, readonly [name: string, meaning: string]> = new Map([
  [0x00000000, ['SEC_E_OK', 'success']],
  [0x00090312, ['SEC_I_CONTINUE_NEEDED', 'the handshake needs another leg']],
  [0x00090313, ['SEC_I_COMPLETE_NEEDED', 'complete the token before sending it']],
  [0x00090314, ['SEC_I_COMPLETE_AND_CONTINUE', 'complete the token, then another leg']],
  [0x00090320, ['SEC_I_INCOMPLETE_CREDENTIALS', 'the credentials are incomplete']],
  [0x80090300, ['SEC_E_INSUFFICIENT_MEMORY', 'not enough memory']],
  [0x80090301, ['SEC_E_INVALID_HANDLE', 'the handle is not valid']],
  [0x80090302, ['SEC_E_UNSUPPORTED_FUNCTION', 'the function is not supported']],
  [0x80090303, ['SEC_E_TARGET_UNKNOWN', 'the specified target (SPN) is unknown or unreachable']],
  [0x80090304, ['SEC_E_INTERNAL_ERROR', 'the Local Security Authority cannot be contacted']],
  [0x80090305, ['SEC_E_SECPKG_NOT_FOUND', 'the security package was not found']],
  [0x80090306, ['SEC_E_NOT_OWNER', 'the caller is not the owner of the credentials']],
  [0x80090308, ['SEC_E_INVALID_TOKEN', 'the token given to the function is not valid']],
  [0x8009030c, ['SEC_E_LOGON_DENIED', 'the logon attempt failed']],
  [0x8009030d, ['SEC_E_UNKNOWN_CREDENTIALS', 'the credentials are not recognized']],
  [0x8009030e, ['SEC_E_NO_CREDENTIALS', 'no credentials are available in the security package']],
  [0x80090311, ['SEC_E_NO_AUTHENTICATING_AUTHORITY', 'no authority (domain controller) could be contacted']],
  [0x80090317, ['SEC_E_CONTEXT_EXPIRED', 'the context has expired']],
  [0x80090318, ['SEC_E_INCOMPLETE_MESSAGE', 'the token is incomplete']],
  [0x80090322, ['SEC_E_WRONG_PRINCIPAL', 'the target principal name is incorrect (the ticket is for another account)']],
  [0x80090324, ['SEC_E_TIME_SKEW', 'the clocks of the client and server differ too much']],
  [0x80090346, ['SEC_E_BAD_BINDINGS', 'the channel bindings do not match (Extended Protection)']],
  [0x80090350, ['SEC_E_DOWNGRADE_DETECTED', 'a downgrade was detected']],
  [0x8009035f, ['SEC_E_POLICY_NLTM_ONLY', 'policy allows only NTLM for this target']],
]);

/** "SEC_E_TARGET_UNKNOWN 0x80090303 (the specified target (SPN) is unknown or unreachable)"; the hex alone if unknown. */
export function describeSspiStatus(value: number): string {
  const unsigned = value >>> 0;
  const hex = `0x${unsigned.toString(16).padStart(8, '0')}`;
  const known = SSPI_STATUS.get(unsigned);
  return known ? `${known[0]} ${hex} (${known[1]})` : hex;
}

/** Negative SECURITY_STATUS values are failures (SEC_E_*); zero and SEC_I_* are not. */
export const isSspiFailure = (value: number): boolean => (value | 0) < 0;
