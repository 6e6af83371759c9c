// Advice for kerberos-ok (rules/kerberos-ok.ts).
import type { Adviser } from '../finding';
import { advice } from './common';

export const kerberosOkAdvice: Adviser = (_verdict, { summary }) => {
  const how =
    summary.mechanismEvidence === 'client-token'
      ? 'the browser sent a Kerberos AP-REQ (inside SPNEGO) and the server accepted it'
      : summary.mechanismEvidence === 'server-token'
        ? 'the server answered with a Kerberos mechanism (SPNEGO supportedMech / AP-REP) and accepted the request'
        : `the server accepted the request, and Kerberos is ${summary.mechanismEvidence === 'netlog' ? 'read from the browser’s NetLog' : 'inferred'}: ${summary.mechanismReading.reason}`;
  return advice(`Windows Integrated Authentication worked with Kerberos: ${how}. This is the healthy flow.`);
};
