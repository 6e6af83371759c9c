// Advice for kerberos-rejected and kerberos-error (rules/kerberos-rejected.ts): each KRB-ERROR's cause and fix
// (RFC 4120 §7.5.9; “Troubleshoot Kerberos failures in Internet Explorer”).
import { serverOf } from '../../exchange/server';
import type { Exchange } from '../../exchange/model';
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
    fixes: (host) => [
      {
        text: 'Export the keytab again after the last password change (Linux / Apache), or restart the service after changing the password.',
        ...withCommands('klist -k -t -e <keytab>', command`kvno HTTP/${host}`),
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

/** Without a KRB-ERROR the likely key mismatch is fixed where the server keeps its key: the account's SPN on IIS,
 *  the keytab on Apache or nginx (the Server header says which). */
function keyMismatchFixes(exchange: Exchange): { readonly fixes: Fix[]; readonly next: string } {
  const host = hostOf(exchange.url);
  const server = serverOf(exchange);
  const keytab = (where: string): Fix[] => [
    {
      text: `${where} decrypts with the key in its keytab: compare the key version (kvno) and encryption types there with what the KDC issues for HTTP/${host}, and export the keytab again if they differ.`,
      ...withCommands('klist -k -t -e <keytab>', command`kvno HTTP/${host}`),
    },
    { text: 'Then get fresh tickets on the client.', commands: ['klist purge'] },
  ];
  if (server?.kind === 'apache') {
    const where =
      server.module === 'mod_auth_gssapi'
        ? 'Apache (mod_auth_gssapi, the keytab named by GssapiCredStore keytab:…)'
        : server.module === 'mod_auth_kerb'
          ? 'Apache (mod_auth_kerb, the keytab named by Krb5Keytab)'
          : 'Apache (the keytab named by GssapiCredStore for mod_auth_gssapi, Krb5Keytab for mod_auth_kerb)';
    return {
      fixes: keytab(where),
      next: `Compare the server's keytab with the KDC's key for HTTP/${host} (kvno) and export it again if they differ.`,
    };
  }
  if (server?.kind === 'nginx') {
    return {
      fixes: keytab('nginx (auth_gss_keytab of its SPNEGO module)'),
      next: `Compare the server's keytab with the KDC's key for HTTP/${host} (kvno) and export it again if they differ.`,
    };
  }
  const iis = BY_ERROR['KRB_AP_ERR_MODIFIED']?.fixes(host) ?? [];
  return server?.kind === 'iis'
    ? { fixes: iis, next: `Find the account that holds HTTP/${host} (setspn -Q) and make sure the site decrypts with it.` }
    : {
        fixes: [...iis, ...keytab('A server with a keytab (Apache, nginx, Java)')],
        next: `Check which key the server decrypts HTTP/${host} with.`,
      };
}

/** Where the refusing server wrote down why. */
function serverLog(exchange: Exchange): string {
  const kind = serverOf(exchange)?.kind;
  if (kind === 'apache') return 'Apache’s error log (raise LogLevel for the module to see the GSSAPI error)';
  if (kind === 'nginx') return 'nginx’s error log';
  if (kind === 'iis') return 'the Windows System event log (Kerberos event 4, KRB_AP_ERR_MODIFIED) and the Security log';
  return 'the server’s error log (Apache, nginx) or the Windows System / Security event log (Kerberos event 4, KRB_AP_ERR_MODIFIED)';
}

export const kerberosRejectedAdvice: Adviser = (_verdict, { exchange }) => {
  const explained = kerberosErrors(exchange).length > 0;
  const mismatch = keyMismatchFixes(exchange);
  return advice(
    'The browser sent a Kerberos ticket and the server answered 401 again (SPNEGO negState reject, or a KRB-ERROR). ' +
      'The ticket reached the server but could not be accepted: a key mismatch between the ticket and the server ' +
      '(SPN on the wrong account, stale keytab, password change), clock skew, or an expired ticket.' +
      (explained
        ? ''
        : ` Browsers do not ask for mutual authentication, so servers usually refuse without saying why; ${serverLog(exchange)} has the reason.`),
    explained
      ? { missing: hiddenLegsNote(exchange), next: 'See the Kerberos error below: it names the cause.' }
      : { fixes: mismatch.fixes, missing: hiddenLegsNote(exchange), next: mismatch.next },
  );
};
