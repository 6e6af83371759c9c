// Findings a lone token supports (a pasted header, `authscope decode`): its weaknesses and a Kerberos error's
// meaning. Everything that needs the exchange around it (offers, statuses, legs) stays with the exchange rules.
import type { TokenSummary } from '../exchange/model';
import type { Finding } from './finding';
import { kerberosErrorAdvice } from './rules/kerberos-rejected';
import { tokenWeaknesses } from './rules/token-weaknesses';

export function diagnoseToken(summary: TokenSummary): Finding[] {
  const findings = tokenWeaknesses(summary, { exchangeId: null, url: null, leg: null });
  if (summary.kerberosError) {
    const { code, ...advice } = kerberosErrorAdvice(summary.kerberosError, '<host>');
    findings.push({
      id: 'kerberos-error',
      severity: 'error',
      ...advice,
      exchangeId: null,
      url: null,
      evidence: [{ leg: null, source: 'token', name: 'KRB-ERROR error-code', value: `${code ?? '?'} ${summary.kerberosError}` }],
      missing: null,
    });
  }
  return findings;
}
