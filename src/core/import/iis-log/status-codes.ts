// Names of the codes IIS writes to sc-win32-status. Win32 error codes and SSPI SECURITY_STATUS values as defined
// in the Windows SDK's winerror.h (SEC_E_* are HRESULTs 0x8009xxxx, logged as unsigned decimals, e.g.
// 2148074254 = 0x8009030E SEC_E_NO_CREDENTIALS).

interface StatusName {
  readonly name: string;
  readonly meaning: string;
}

const WIN32: Readonly<Record<number, StatusName>> = {
  0: { name: 'ERROR_SUCCESS', meaning: 'no error' },
  2: { name: 'ERROR_FILE_NOT_FOUND', meaning: 'the file was not found' },
  3: { name: 'ERROR_PATH_NOT_FOUND', meaning: 'the path was not found' },
  5: { name: 'ERROR_ACCESS_DENIED', meaning: 'access denied (with 401.2: the request did not authenticate yet)' },
  64: { name: 'ERROR_NETNAME_DELETED', meaning: 'the client closed the connection' },
  121: { name: 'ERROR_SEM_TIMEOUT', meaning: 'the connection timed out' },
  995: { name: 'ERROR_OPERATION_ABORTED', meaning: 'the I/O was aborted (client disconnected)' },
  1236: { name: 'ERROR_CONNECTION_ABORTED', meaning: 'the connection was aborted locally' },
  1326: { name: 'ERROR_LOGON_FAILURE', meaning: 'unknown user name or bad password' },
  1327: { name: 'ERROR_ACCOUNT_RESTRICTION', meaning: 'account restriction (e.g. blank password not allowed)' },
  1328: { name: 'ERROR_INVALID_LOGON_HOURS', meaning: 'logon outside the allowed hours' },
  1329: { name: 'ERROR_INVALID_WORKSTATION', meaning: 'the user may not log on from this computer' },
  1330: { name: 'ERROR_PASSWORD_EXPIRED', meaning: 'the password has expired' },
  1331: { name: 'ERROR_ACCOUNT_DISABLED', meaning: 'the account is disabled' },
  1385: { name: 'ERROR_LOGON_TYPE_NOT_GRANTED', meaning: 'the user lacks the logon right (e.g. "Access this computer from the network")' },
  1907: { name: 'ERROR_PASSWORD_MUST_CHANGE', meaning: 'the password must be changed before logging on' },
  1909: { name: 'ERROR_ACCOUNT_LOCKED_OUT', meaning: 'the account is locked out' },
};

/** SEC_E_* by their low 16 bits (0x8009xxxx). */
const SECURITY_STATUS: Readonly<Record<number, StatusName>> = {
  0x0302: { name: 'SEC_E_UNSUPPORTED_FUNCTION', meaning: 'the function requested is not supported' },
  0x0303: { name: 'SEC_E_TARGET_UNKNOWN', meaning: 'the target (SPN) is unknown or unreachable' },
  0x0304: { name: 'SEC_E_INTERNAL_ERROR', meaning: 'the Local Security Authority cannot be contacted' },
  0x0305: { name: 'SEC_E_SECPKG_NOT_FOUND', meaning: 'the requested security package does not exist' },
  0x0308: { name: 'SEC_E_INVALID_TOKEN', meaning: 'the token supplied is invalid (corrupted, truncated, or not for this server)' },
  0x030c: {
    name: 'SEC_E_LOGON_DENIED',
    meaning: 'the logon attempt failed (bad credentials, or a Kerberos ticket the server cannot decrypt)',
  },
  0x030d: { name: 'SEC_E_UNKNOWN_CREDENTIALS', meaning: 'the credentials supplied to the package were not recognized' },
  0x030e: {
    name: 'SEC_E_NO_CREDENTIALS',
    meaning: 'no credentials are available in the security package (the handshake has not finished)',
  },
  0x030f: { name: 'SEC_E_MESSAGE_ALTERED', meaning: 'the message or signature was altered' },
  0x0310: { name: 'SEC_E_OUT_OF_SEQUENCE', meaning: 'the message was received out of sequence' },
  0x0311: { name: 'SEC_E_NO_AUTHENTICATING_AUTHORITY', meaning: 'no domain controller could be contacted' },
  0x0317: { name: 'SEC_E_CONTEXT_EXPIRED', meaning: 'the security context has expired' },
  0x0318: { name: 'SEC_E_INCOMPLETE_MESSAGE', meaning: 'the message is incomplete' },
  0x0320: { name: 'SEC_E_INCOMPLETE_CREDENTIALS', meaning: 'the credentials supplied were not complete' },
  0x0322: { name: 'SEC_E_WRONG_PRINCIPAL', meaning: 'the target principal name is incorrect (SPN on another account)' },
  0x0324: { name: 'SEC_E_TIME_SKEW', meaning: 'the clocks of client and server are skewed' },
};

/** Name and meaning of an sc-win32-status value, or null for a code we do not know. */
export function win32StatusName(code: number): StatusName | null {
  if (code >= 0x80090300 && code <= 0x800903ff) return SECURITY_STATUS[code & 0xffff] ?? null;
  return WIN32[code] ?? null;
}

/** "2148074254 (0x8009030E SEC_E_NO_CREDENTIALS)" */
export function describeWin32Status(code: number): string {
  const name = win32StatusName(code);
  const hex = code > 0xffff ? `0x${code.toString(16).toUpperCase().padStart(8, '0')} ` : '';
  return name ? `${code} (${hex}${name.name})` : `${code}${hex ? ` (${hex.trim()})` : ''}`;
}
