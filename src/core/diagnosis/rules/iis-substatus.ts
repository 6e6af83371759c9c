// iis-substatus: what IIS's 401.1–401.5 mean (reference/002 "HOWTO: Diagnose 401.x HTTP errors on IIS"), when a
// status page, HAR body or log line gave the substatus.
import type { ExchangeRule } from '../finding';
import { finding, statusEvidence } from '../evidence';

export const IIS_401_SUBSTATUS: Readonly<Record<number, { readonly name: string; readonly meaning: string }>> = {
  1: {
    name: 'Logon failed (denied by invalid user credentials)',
    meaning:
      'IIS could not turn the credentials into a Windows user token: wrong password, Kerberos key mismatch (SPN on the ' +
      'wrong account), a pre-authenticated first request under kernel mode (KB2749007), logon rights or hours denied, ' +
      'or a wrong anonymous-user password.',
  },
  2: {
    name: 'Logon failed due to server configuration',
    meaning:
      'The request did not use an authentication protocol the server requires: the normal first anonymous request ' +
      '(401.2 with win32 status 5 before the handshake), a browser not answering Negotiate/NTLM, or a proxy that breaks ' +
      'connection-based NTLM by sending the next request over another connection.',
  },
  3: {
    name: 'Unauthorized due to ACL on resource',
    meaning: 'Authentication succeeded but the file or folder ACL denies this user (NTFS permissions).',
  },
  4: { name: 'Authorization failed by filter', meaning: 'An ISAPI filter denied the request.' },
  5: {
    name: 'Authorization failed by ISAPI/CGI application',
    meaning: 'The application (or a wildcard application mapping doing custom authentication) denied the request.',
  },
};

export const iisSubstatus: ExchangeRule = {
  ids: ['iis-substatus'],
  check(context) {
    const substatus = context.exchange.iisSubstatus;
    const reading = substatus == null ? undefined : IIS_401_SUBSTATUS[substatus];
    if (substatus == null || !reading) return [];
    return [
      finding('iis-substatus', context, {
        severity: substatus === 2 && context.summary.outcome === 'authenticated' ? 'info' : 'warning',
        title: `IIS 401.${substatus}: ${reading.name}`,
        evidence: [{ leg: null, source: 'response', name: 'IIS substatus', value: `401.${substatus}` }, statusEvidence(context.exchange)],
        explanation: reading.meaning,
      }),
    ];
  },
};
