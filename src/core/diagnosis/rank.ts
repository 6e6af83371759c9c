// Which finding is the most likely cause, by how definitive its evidence is: the browser's own library or the KDC
// said so (a GSSAPI/SSPI error, a decoded KRB-ERROR, the handler refused to run), over what the handshake shows (a
// rejection, a loop, a fallback), over what is inferred from what is missing (no token, a hidden failure), over
// estimates and notes. The rest are "other checks".
import type { FindingSeverity, RuleId, Verdict } from './finding';
import { SEVERITY_RANK } from './finding';

/** How definitive each finding's evidence is (higher wins). */
const DEFINITIVE: Readonly<Record<RuleId, number>> = {
  'kerberos-error': 4,
  'spn-unknown': 4,
  'not-allowlisted': 4,
  'no-kerberos-credentials': 4,
  'header-too-large': 4,
  'preauth-first-request': 4,
  'ip-host': 4,
  'clock-skew': 3,
  'no-channel-binding': 3,
  'auth-loop': 3,
  'kerberos-rejected': 3,
  'spn-mismatch': 3,
  'ntlm-fallback': 3,
  'proxy-auth': 3,
  'private-window': 3,
  'weak-etype': 3,
  'ntlm-v1': 3,
  'anonymous-ntlm': 3,
  'no-token-sent': 2,
  'ntlm-dependency': 2,
  'http11-required': 1,
  'auth-failed': 2,
  'credential-prompt': 2,
  'iis-substatus': 2,
  'size-says-kerberos': 1,
  'size-says-ntlm': 1,
  delegation: 1,
  'no-mutual-auth': 1,
  'kernel-mode': 1,
  'persistent-auth': 1,
  'ntlm-used': 1,
  'kerberos-ok': 1,
};

const isProblemSeverity = (severity: FindingSeverity) => severity === 'error' || severity === 'warning';

/** The most likely cause among the problems (errors and warnings), or null when nothing is wrong. */
export function likelyCause<T extends Verdict>(findings: readonly T[]): T | null {
  let best: T | null = null;
  for (const finding of findings) {
    if (!isProblemSeverity(finding.severity)) continue;
    if (
      !best ||
      DEFINITIVE[finding.id] > DEFINITIVE[best.id] ||
      (DEFINITIVE[finding.id] === DEFINITIVE[best.id] && SEVERITY_RANK[finding.severity] > SEVERITY_RANK[best.severity])
    )
      best = finding;
  }
  return best;
}

/** The findings after the likely cause, worst first, then by how definitive. */
export function otherChecks<T extends Verdict>(findings: readonly T[], cause: T | null): T[] {
  return findings
    .filter((finding) => finding !== cause)
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || DEFINITIVE[b.id] - DEFINITIVE[a.id]);
}

/** The findings with the most likely cause first and the other checks after it. */
export function rankFindings<T extends Verdict>(findings: readonly T[]): T[] {
  const cause = likelyCause(findings);
  return cause ? [cause, ...otherChecks(findings, cause)] : otherChecks(findings, null);
}
