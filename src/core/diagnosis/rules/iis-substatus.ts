// iis-substatus: IIS's 401.1–401.5 (“HOWTO: Diagnose 401.x HTTP errors on IIS”), when a status
// page, HAR body or log line gave the substatus. Names here; what each means is in the advice.
import type { ExchangeRule } from '../finding';
import { statusEvidence, verdict } from '../evidence';

export const IIS_401_SUBSTATUS_NAMES: Readonly<Record<number, string>> = {
  1: 'Logon failed (denied by invalid user credentials)',
  2: 'Logon failed due to server configuration',
  3: 'Unauthorized due to ACL on resource',
  4: 'Authorization failed by filter',
  5: 'Authorization failed by ISAPI/CGI application',
};

export const iisSubstatus: ExchangeRule = {
  ids: ['iis-substatus'],
  check(context) {
    const substatus = context.exchange.iisSubstatus;
    const name = substatus == null ? undefined : IIS_401_SUBSTATUS_NAMES[substatus];
    if (substatus == null || !name) return [];
    return [
      verdict('iis-substatus', context, {
        severity: substatus === 2 && context.summary.outcome === 'authenticated' ? 'info' : 'warning',
        title: `IIS 401.${substatus}: ${name}`,
        evidence: [{ leg: null, source: 'response', name: 'IIS substatus', value: `401.${substatus}` }, statusEvidence(context.exchange)],
      }),
    ];
  },
};
