// Findings a lone token supports (a pasted header, `authscope decode`): its weaknesses and a Kerberos error's
// meaning. Everything that needs the exchange around it (offers, statuses, legs) stays with the exchange rules.
import type { TokenSummary } from '../decode/token/summary';
import { TOKEN_ADVICE, finding } from './advice';
import type { Finding } from './finding';
import { kerberosErrorVerdict } from './rules/kerberos-rejected';
import { tokenWeaknesses } from './rules/token-weaknesses';

export function diagnoseToken(summary: TokenSummary): Finding[] {
  const place = { exchangeId: null, url: null, leg: null };
  const verdicts = tokenWeaknesses(summary, place);
  if (summary.kerberosError) verdicts.push(kerberosErrorVerdict(summary.kerberosError, place));
  return verdicts.map((verdict) => finding(verdict, TOKEN_ADVICE[verdict.id as keyof typeof TOKEN_ADVICE](verdict)));
}
