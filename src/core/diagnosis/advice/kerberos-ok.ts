// Advice for kerberos-ok (rules/kerberos-ok.ts).
import type { Adviser } from '../finding';
import { advice } from './common';

export const kerberosOkAdvice: Adviser = (_verdict, { summary }) => {
  const how =
    summary.mechanismEvidence === 'client-token'
      ? 'the browser sent a Kerberos AP-REQ (inside SPNEGO) and the server accepted it'
      : 'the server answered with a Kerberos mechanism (SPNEGO supportedMech / AP-REP) and accepted the request';
  return advice(`Windows Integrated Authentication worked with Kerberos: ${how}. This is the healthy flow.`);
};
