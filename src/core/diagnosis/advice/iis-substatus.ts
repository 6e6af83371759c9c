// Advice for iis-substatus (rules/iis-substatus.ts): what IIS's 401.1–401.5 mean (“HOWTO: Diagnose 401.x HTTP errors on IIS”). The IIS log
// explainer reads the same table.
import type { Adviser, Fix } from '../finding';
import { advice } from './common';

export const IIS_401_SUBSTATUS_MEANINGS: Readonly<Record<number, string>> = {
  1:
    'IIS could not turn the credentials into a Windows user token: wrong password, Kerberos key mismatch (SPN on the ' +
    'wrong account), a pre-authenticated first request under kernel mode (KB2749007), logon rights or hours denied, ' +
    'or a wrong anonymous-user password.',
  2:
    'The request did not use an authentication protocol the server requires: the normal first anonymous request ' +
    '(401.2 with win32 status 5 before the handshake), a browser not answering Negotiate/NTLM, or a proxy that breaks ' +
    'connection-based NTLM by sending the next request over another connection.',
  3: 'Authentication succeeded but the file or folder ACL denies this user (NTFS permissions).',
  4: 'An ISAPI filter denied the request.',
  5: 'The application (or a wildcard application mapping doing custom authentication) denied the request.',
};

/** What to do about each 401 substatus. */
export const IIS_401_SUBSTATUS_FIXES: Readonly<Record<number, readonly Fix[]>> = {
  1: [
    { text: 'Check the user’s account (locked, expired, logon hours, “Access this computer from the network” right).' },
    {
      text: 'For Kerberos: the SPN must be on the account that decrypts the ticket (app pool identity, or useAppPoolCredentials).',
      commands: ['setspn -X'],
    },
  ],
  2: [
    {
      text: 'If the client never answers the challenge: trust the site for default credentials (AuthServerAllowlist; Firefox network.negotiate-auth.trusted-uris).',
    },
    {
      text: 'Through a proxy or load balancer: keep each client on one server connection (NTLM authenticates the connection), or use Kerberos.',
    },
  ],
  3: [{ text: 'Grant the user (or a group) read access to the file or folder.', commands: ['icacls "<path>"'] }],
};

export const iisSubstatusAdvice: Adviser = (_verdict, { exchange }) =>
  advice(IIS_401_SUBSTATUS_MEANINGS[exchange.iisSubstatus ?? 0] ?? '', {
    fixes: IIS_401_SUBSTATUS_FIXES[exchange.iisSubstatus ?? 0] ?? [],
  });
