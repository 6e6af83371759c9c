// Advice for kerberos-rejected and kerberos-error (rules/kerberos-rejected.ts): each KRB-ERROR's cause and fix
// (RFC 4120 §7.5.9; “Troubleshoot Kerberos failures in Internet Explorer”).
import { command, withCommands } from './command';
import type { Adviser, Fix, TokenAdviser } from '../finding';
import { hostOf } from '../evidence';
import { kerberosErrors } from '../rules/kerberos-rejected';
import { advice, hiddenLegsNote } from './common';

interface KerberosErrorAdvice {
  readonly cause: string;
  readonly fixes: (host: string) => Fix[];
}

const BY_ERROR: Readonly<Record<string, KerberosErrorAdvice>> = {
  KRB_AP_ERR_MODIFIED: {
    cause:
      'The server could not decrypt the ticket with its key: the ticket was issued for an SPN registered to a different ' +
      'account than the one the site runs as, the SPN is registered twice, or IIS kernel-mode authentication decrypts ' +
      'with the computer account while the SPN is on the app pool account (useAppPoolCredentials not set).',
    fixes: (host) => [
      {
        text: 'Find every account that holds the SPN and keep only the site’s account.',
        ...withCommands(command`setspn -Q HTTP/${host}`, 'setspn -X'),
      },
      {
        text: 'With kernel-mode authentication and a domain app pool account, let http.sys use the app pool’s key.',
        commands: [
          '%windir%\\system32\\inetsrv\\appcmd set config "<Site>" -section:system.webServer/security/authentication/windowsAuthentication /useAppPoolCredentials:true /commit:apphost',
        ],
      },
    ],
  },
  KRB_AP_ERR_SKEW: {
    cause: 'Client and server clocks differ by more than the allowed skew (5 minutes by default).',
    fixes: () => [{ text: 'Synchronise both clocks with the domain hierarchy.', commands: ['w32tm /query /status', 'w32tm /resync'] }],
  },
  KRB_AP_ERR_BADKEYVER: {
    cause:
      'The ticket was encrypted with a newer key version (kvno) than the server has: the service account’s password ' +
      'changed, or the keytab (Linux / Apache) was exported before the account was re-keyed.',
    fixes: () => [
      {
        text: 'Export the keytab again after the last password change (Linux / Apache), or restart the service after changing the password.',
        commands: ['klist -k -t -K /etc/krb5.keytab', 'kvno HTTP/<host>'],
      },
      { text: 'Purge the client’s cached tickets once the server has the current key.', commands: ['klist purge'] },
    ],
  },
  KRB_AP_ERR_TKT_EXPIRED: {
    cause: 'The service ticket expired before the server received it (long-lived sessions, suspended laptops, skewed clocks).',
    fixes: () => [{ text: 'Get fresh tickets.', commands: ['klist purge'] }],
  },
  KDC_ERR_S_PRINCIPAL_UNKNOWN: {
    cause: 'The KDC has no account with this SPN.',
    fixes: (host) => [
      {
        text: 'Register the SPN on the site’s account.',
        ...withCommands(command`setspn -Q HTTP/${host}`, command`setspn -S HTTP/${host} DOMAIN\\serviceAccount`),
      },
    ],
  },
  KRB_AP_ERR_NOT_US: {
    cause: 'The ticket is for another service principal than this server’s.',
    fixes: (host) => [
      { text: 'Check which account holds the SPN the browser asked for.', ...withCommands(command`setspn -Q HTTP/${host}`) },
    ],
  },
  KRB_AP_ERR_NOKEY: {
    cause: 'The server has no key of the ticket’s encryption type (the keytab or account lacks AES or RC4 keys).',
    fixes: () => [
      { text: 'Align the account’s msDS-SupportedEncryptionTypes with the keytab / server keys, then reset the password to create them.' },
    ],
  },
};

/** A KRB-ERROR's cause and fixes; a lone token has no host, so its commands say <host>. */
export const kerberosErrorAdvice: TokenAdviser = (verdict) => {
  const name = verdict.subject ?? '';
  const known = BY_ERROR[name];
  const host = verdict.url ? hostOf(verdict.url) : '<host>';
  if (known) return advice(known.cause, { fixes: known.fixes(host) });
  return advice(`The server answered with the Kerberos error ${verdict.title} (RFC 4120 §7.5.9).`);
};

export const kerberosRejectedAdvice: Adviser = (_verdict, { exchange }) => {
  const explained = kerberosErrors(exchange).length > 0;
  return advice(
    'The browser sent a Kerberos ticket and the server answered 401 again (SPNEGO negState reject, or a KRB-ERROR). ' +
      'The ticket reached the server but could not be accepted: a key mismatch between the ticket and the server ' +
      '(SPN on the wrong account, stale keytab, password change), clock skew, or an expired ticket.' +
      (explained
        ? ''
        : ' Browsers do not ask for mutual authentication, so servers usually refuse without saying why; the server’s log ' +
          '(Apache error log, Windows System / Security event log, Kerberos event 4 KRB_AP_ERR_MODIFIED) has the reason.'),
    { fixes: explained ? [] : (BY_ERROR['KRB_AP_ERR_MODIFIED']?.fixes(hostOf(exchange.url)) ?? []), missing: hiddenLegsNote(exchange) },
  );
};
