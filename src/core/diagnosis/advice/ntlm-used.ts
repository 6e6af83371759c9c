// Advice for ntlm-used (rules/ntlm-used.ts).
import { hostOf } from '../evidence';
import { command, withCommands } from './command';
import type { Adviser } from '../finding';
import { advice } from './common';

export const ntlmUsedAdvice: Adviser = (_verdict, { exchange }) =>
  advice(
    'The server offered only "WWW-Authenticate: NTLM", so Kerberos was never possible. NTLM authenticates the TCP ' +
      'connection, not each request (a proxy that pools connections breaks it, “HOWTO: Diagnose 401.x HTTP errors on IIS”), needs a round trip to a ' +
      'domain controller for every logon, and cannot delegate credentials to a back end (no double hop).',
    {
      fixes: [
        {
          text: 'To use Kerberos, enable Negotiate on the server (IIS: Windows Authentication → Providers: Negotiate above NTLM) and register the SPN for the host name users type.',
          ...withCommands(command`setspn -Q HTTP/${hostOf(exchange.url)}`),
        },
      ],
      next: 'Nothing is broken; to prefer Kerberos, enable Negotiate on the server and register its SPN.',
    },
  );
