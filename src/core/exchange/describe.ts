// How an auth header item is cited as evidence: what it carried, never the token itself.
import type { AuthItem } from './model';

/** "Negotiate (SPNEGO init, Kerberos, 1,380 bytes)"; "NTLM (token stripped, 49 characters)". */
export function describeAuthItem(item: AuthItem): string {
  const summary = item.summary;
  if (!summary) {
    if (item.strippedLength == null) return item.scheme;
    return `${item.scheme || 'scheme and token'} (stripped by the source, ${item.strippedLength} characters)`;
  }
  if (summary.error) return `${item.scheme} (undecodable: ${summary.error})`;
  const parts = [summary.kind, summary.mechanism, `${summary.byteLength} bytes`];
  if (summary.negState) parts.push(`negState ${summary.negState}`);
  if (summary.kerberosError) parts.push(summary.kerberosError);
  if (summary.spn) parts.push(`SPN ${summary.spn}`);
  return `${item.scheme} (${parts.filter(Boolean).join(', ')})`;
}
