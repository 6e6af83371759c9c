// kerberos-rejected: the server refused the Kerberos token (SPNEGO reject, a KRB-ERROR, or a 401 after the
// token); kerberos-error names each KRB-ERROR code (RFC 4120 §7.5.9; “Troubleshoot Kerberos failures in Internet Explorer”).
import type { Exchange } from '../../exchange/model';
import { KERBEROS_ERRORS } from '../../decode/kerberos/constants';
import type { ExchangeRule, Verdict } from '../finding';
import { sentEvidence, serverTokenEvidence, statusEvidence, verdict } from '../evidence';

/** The KRB-ERRORs the server answered with, and the leg of each. */
export function kerberosErrors(exchange: Exchange): { readonly name: string; readonly leg: number }[] {
  return exchange.legs.flatMap((leg, index) =>
    (leg.response?.challenges ?? []).flatMap((item) =>
      item.summary?.kerberosError ? [{ name: item.summary.kerberosError, leg: index }] : [],
    ),
  );
}

/** A KRB-ERROR by name, wherever it was read (an exchange's leg or a lone token); the subject is the name. */
export function kerberosErrorVerdict(
  name: string,
  place: { readonly exchangeId: string | null; readonly url: string | null; readonly leg: number | null },
): Verdict {
  const code = Object.entries(KERBEROS_ERRORS).find(([, [errorName]]) => errorName === name)?.[0];
  const meaning = code ? KERBEROS_ERRORS[Number(code)]?.[1] : undefined;
  return {
    id: 'kerberos-error',
    severity: 'error',
    title: `${name}${code ? ` (${code})` : ''}: ${meaning ?? 'Kerberos error'}`,
    exchangeId: place.exchangeId,
    url: place.url,
    evidence: [{ leg: place.leg, source: 'token', name: 'KRB-ERROR error-code', value: `${code ?? '?'} ${name}` }],
    subject: name,
  };
}

export const kerberosRejected: ExchangeRule = {
  ids: ['kerberos-rejected', 'kerberos-error'],
  check(context) {
    const { summary, exchange } = context;
    const errors = kerberosErrors(exchange);
    const verdicts: Verdict[] = [];
    if (summary.outcome === 'rejected' && (summary.mechanism === 'kerberos' || errors.length > 0)) {
      verdicts.push(
        verdict('kerberos-rejected', context, {
          severity: 'error',
          title: 'The server refused the Kerberos token',
          evidence: [...sentEvidence(exchange), ...serverTokenEvidence(exchange), statusEvidence(exchange)],
        }),
      );
    }
    const seen = new Set<string>();
    for (const error of errors) {
      if (seen.has(error.name)) continue;
      seen.add(error.name);
      verdicts.push(kerberosErrorVerdict(error.name, { exchangeId: exchange.id, url: exchange.url, leg: error.leg }));
    }
    return verdicts;
  },
};
