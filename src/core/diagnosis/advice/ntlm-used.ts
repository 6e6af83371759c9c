// Advice for ntlm-used (rules/ntlm-used.ts).
import type { Adviser } from '../finding';
import { advice } from './common';

export const ntlmUsedAdvice: Adviser = () =>
  advice(
    'The server offered only "WWW-Authenticate: NTLM", so Kerberos was never possible. NTLM authenticates the TCP ' +
      'connection, not each request (a proxy that pools connections breaks it, “HOWTO: Diagnose 401.x HTTP errors on IIS”), needs a round trip to a ' +
      'domain controller for every logon, and cannot delegate credentials to a back end (no double hop).',
    {
      fixes: [
        {
          text: 'To use Kerberos, enable Negotiate on the server (IIS: Windows Authentication → Providers: Negotiate above NTLM) and register the SPN for the host name users type.',
          commands: ['setspn -Q HTTP/<host>'],
        },
      ],
    },
  );
