// kerberos-rejected: the server refused the Kerberos token (SPNEGO reject, a KRB-ERROR, or a 401 after the
// token); kerberos-error names the KRB-ERROR code with its cause and fix (RFC 4120 §7.5.9; reference/003).
import { KERBEROS_ERRORS } from '../../kerberos/constants';
import type { ExchangeContext, ExchangeRule, Finding, Fix } from '../finding';
import { finding, hiddenLegsNote, hostOf, sentEvidence, serverTokenEvidence, statusEvidence } from '../evidence';

interface KerberosErrorAdvice {
  readonly cause: string;
  readonly fixes: (host: string) => Fix[];
}

const ADVICE: Readonly<Record<string, KerberosErrorAdvice>> = {
  KRB_AP_ERR_MODIFIED: {
    cause:
      'The server could not decrypt the ticket with its key: the ticket was issued for an SPN registered to a different ' +
      'account than the one the site runs as, the SPN is registered twice, or IIS kernel-mode authentication decrypts ' +
      'with the computer account while the SPN is on the app pool account (useAppPoolCredentials not set).',
    fixes: (host) => [
      {
        text: 'Find every account that holds the SPN and keep only the site’s account.',
        commands: [`setspn -Q HTTP/${host}`, 'setspn -X'],
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
        commands: [`setspn -Q HTTP/${host}`, `setspn -S HTTP/${host} DOMAIN\\serviceAccount`],
      },
    ],
  },
  KRB_AP_ERR_NOT_US: {
    cause: 'The ticket is for another service principal than this server’s.',
    fixes: (host) => [{ text: 'Check which account holds the SPN the browser asked for.', commands: [`setspn -Q HTTP/${host}`] }],
  },
  KRB_AP_ERR_NOKEY: {
    cause: 'The server has no key of the ticket’s encryption type (the keytab or account lacks AES or RC4 keys).',
    fixes: () => [
      { text: 'Align the account’s msDS-SupportedEncryptionTypes with the keytab / server keys, then reset the password to create them.' },
    ],
  },
};

/** Title, cause and fixes of a KRB-ERROR by name (RFC 4120 §7.5.9); `host` fills the setspn commands. */
export function kerberosErrorAdvice(
  name: string,
  host: string,
): { title: string; explanation: string; fixes: Fix[]; code: string | undefined } {
  const code = Object.entries(KERBEROS_ERRORS).find(([, [errorName]]) => errorName === name)?.[0];
  const advice = ADVICE[name];
  const meaning = code ? KERBEROS_ERRORS[Number(code)]?.[1] : undefined;
  return {
    code,
    title: `${name}${code ? ` (${code})` : ''}: ${meaning ?? 'Kerberos error'}`,
    explanation: advice?.cause ?? `The server answered with the Kerberos error ${name}${meaning ? `: ${meaning}` : ''} (RFC 4120 §7.5.9).`,
    fixes: advice?.fixes(host) ?? [],
  };
}

function kerberosError(context: ExchangeContext, name: string, leg: number): Finding {
  const { code, ...advice } = kerberosErrorAdvice(name, hostOf(context.exchange.url));
  return finding('kerberos-error', context, {
    severity: 'error',
    ...advice,
    evidence: [{ leg, source: 'token', name: 'KRB-ERROR error-code', value: `${code ?? '?'} ${name}` }],
  });
}

export const kerberosRejected: ExchangeRule = {
  ids: ['kerberos-rejected', 'kerberos-error'],
  check(context) {
    const { summary, exchange } = context;
    const errors = exchange.legs.flatMap((leg, index) =>
      (leg.response?.challenges ?? []).flatMap((item) =>
        item.summary?.kerberosError ? [{ name: item.summary.kerberosError, leg: index }] : [],
      ),
    );
    const findings: Finding[] = [];
    if (summary.outcome === 'rejected' && (summary.mechanism === 'kerberos' || errors.length > 0)) {
      findings.push(
        finding('kerberos-rejected', context, {
          severity: 'error',
          title: 'The server refused the Kerberos token',
          evidence: [...sentEvidence(exchange), ...serverTokenEvidence(exchange), statusEvidence(exchange)],
          explanation:
            'The browser sent a Kerberos ticket and the server answered 401 again (SPNEGO negState reject, or a KRB-ERROR). ' +
            'The ticket reached the server but could not be accepted: a key mismatch between the ticket and the server ' +
            '(SPN on the wrong account, stale keytab, password change), clock skew, or an expired ticket.' +
            (errors.length === 0
              ? ' Browsers do not ask for mutual authentication, so servers usually refuse without saying why; the server’s log ' +
                '(Apache error log, Windows System / Security event log, Kerberos event 4 KRB_AP_ERR_MODIFIED) has the reason.'
              : ''),
          fixes: errors.length === 0 ? (ADVICE['KRB_AP_ERR_MODIFIED']?.fixes(hostOf(exchange.url)) ?? []) : [],
          missing: hiddenLegsNote(exchange),
        }),
      );
    }
    const seen = new Set<string>();
    for (const error of errors) {
      if (seen.has(error.name)) continue;
      seen.add(error.name);
      findings.push(kerberosError(context, error.name, error.leg));
    }
    return findings;
  },
};
