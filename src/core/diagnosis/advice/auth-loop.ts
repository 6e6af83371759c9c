// Advice for auth-loop (rules/auth-loop.ts), with the IIS readings of 401.1 (logon failed) and 401.2 (the browser
// does not use a protocol the server requires; “HOWTO: Diagnose 401.x HTTP errors on IIS”).
import type { Adviser, Fix } from '../finding';
import { advice } from './common';

/** What ends a loop, by the substatus the server logged; the IIS log explainer offers the same. */
export const LOOP_FIXES: readonly Fix[] = [
  {
    text: 'For 401.2 through a proxy or load balancer: keep client connections pinned to one server connection, or use Kerberos (request-based, survives connection pooling).',
  },
  {
    text: 'For 401.1: check the user’s account and the Kerberos setup (SPN on the right account, useAppPoolCredentials).',
    commands: ['setspn -X'],
  },
];

export const authLoopAdvice: Adviser = () =>
  advice(
    'The browser kept sending credentials and the server kept answering 401. IIS logs tell the two common cases ' +
      'apart: 401.1 = the logon itself failed (wrong password, Kerberos key mismatch, account locked or not allowed ' +
      'to log on, the KB2749007 kernel-mode case); 401.2 = the request reached the server without the authentication ' +
      'it requires, typically NTLM through a proxy or load balancer that does not keep the authenticated connection ' +
      '(NTLM authenticates the connection, “HOWTO: Diagnose 401.x HTTP errors on IIS”).',
    {
      fixes: [
        {
          text: 'Read sc-status / sc-substatus / sc-win32-status for these requests in the IIS log (paste them into AuthScope’s IIS log explainer).',
        },
        ...LOOP_FIXES,
      ],
      next: 'Read the server’s log for these requests (sc-substatus, sc-win32-status): it says why each credential was refused.',
    },
  );
