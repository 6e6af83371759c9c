// kerberos-ok: Kerberos was used and the server accepted it (“Windows Authentication HTTP Request Flow in IIS”: one 401, a YII… token, the
// mutual-authentication reply). Evidence in order of strength: the browser's token, the server's answer, size.
import type { ExchangeRule } from '../finding';
import { sentEvidence, serverTokenEvidence, statusEvidence, verdict } from '../evidence';

export const kerberosOk: ExchangeRule = {
  ids: ['kerberos-ok'],
  check(context) {
    const { summary, exchange } = context;
    if (summary.mechanism !== 'kerberos' || summary.outcome !== 'authenticated') return [];
    return [
      verdict('kerberos-ok', context, {
        severity: 'info',
        title: 'Kerberos used and accepted',
        evidence: [...sentEvidence(exchange), ...serverTokenEvidence(exchange), statusEvidence(exchange)],
      }),
    ];
  },
};
