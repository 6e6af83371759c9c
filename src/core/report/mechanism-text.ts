// The mechanism said in words, the same in the panel, the copied diagnosis and the CLI: what it is, where it was
// read or that it was inferred, and why.
import type { MechanismEvidenceKind, MechanismReading } from '../exchange/mechanism';

const NAMES = { kerberos: 'Kerberos', ntlm: 'NTLM' } as const;

export const MECHANISM_EVIDENCE_TEXT: Readonly<Record<MechanismEvidenceKind, string>> = {
  'client-token': "read from the browser's token",
  'server-token': "read from the server's token",
  prompt: "read from the browser's credential prompt",
  netlog: "read from the browser's NetLog",
  inferred: 'inferred',
};

/** "NTLM — inferred: the server offered only NTLM … (MS-NTHT §2.2.2)"; "not visible" when nothing shows it. */
export function mechanismText(reading: MechanismReading): string {
  if (!reading.mechanism || !reading.evidence) return 'not visible (no token, prompt or log shows it)';
  const how = MECHANISM_EVIDENCE_TEXT[reading.evidence];
  const why = reading.reason ? `: ${reading.reason}` : '';
  const basis = reading.basis && reading.evidence === 'inferred' ? ` (${reading.basis})` : '';
  return `${NAMES[reading.mechanism]} — ${how}${why}${basis}`;
}

/** "NTLM — inferred", "Kerberos — read from the browser's token": the summary line; mechanismText says why. */
export function mechanismShortText(reading: MechanismReading): string {
  if (!reading.mechanism || !reading.evidence) return 'not visible (no token, prompt or log shows it)';
  return `${NAMES[reading.mechanism]} — ${MECHANISM_EVIDENCE_TEXT[reading.evidence]}`;
}
