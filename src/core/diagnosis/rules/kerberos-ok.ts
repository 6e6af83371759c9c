// kerberos-ok: Kerberos was used and the server accepted it (reference/004: one 401, a YII… token, the
// mutual-authentication reply). Evidence in order of strength: the browser's token, the server's answer, size.
import type { ExchangeRule } from '../finding';
import { finding, sentEvidence, serverTokenEvidence, statusEvidence } from '../evidence';

export const kerberosOk: ExchangeRule = {
  ids: ['kerberos-ok'],
  check(context) {
    const { summary, exchange } = context;
    if (summary.mechanism !== 'kerberos' || summary.outcome !== 'authenticated') return [];
    const how =
      summary.mechanismEvidence === 'client-token'
        ? 'the browser sent a Kerberos AP-REQ (inside SPNEGO) and the server accepted it'
        : 'the server answered with a Kerberos mechanism (SPNEGO supportedMech / AP-REP) and accepted the request';
    return [
      finding('kerberos-ok', context, {
        severity: 'info',
        title: 'Kerberos used and accepted',
        evidence: [...sentEvidence(exchange), ...serverTokenEvidence(exchange), statusEvidence(exchange)],
        explanation: `Windows Integrated Authentication worked with Kerberos: ${how}. This is the healthy flow.`,
      }),
    ];
  },
};
