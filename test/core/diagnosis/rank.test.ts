import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../../src/core/diagnosis/finding';
import { diagnoseExchange } from '../../../src/core/diagnosis/findings';
import { likelyCause, otherChecks } from '../../../src/core/diagnosis/rank';
import { importNetLog, labNetLog } from '../../helpers/netlog';

const verdict = (id: Verdict['id'], severity: Verdict['severity']): Verdict => ({
  id,
  severity,
  title: id,
  exchangeId: null,
  url: null,
  evidence: [],
});

describe('likelyCause', () => {
  it('prefers what a library or the KDC said over what the handshake shows over what is inferred over estimates', () => {
    const findings = [
      verdict('size-says-kerberos', 'warning'),
      verdict('no-token-sent', 'error'),
      verdict('kerberos-rejected', 'error'),
      verdict('spn-unknown', 'error'),
    ];
    expect(likelyCause(findings)?.id).toBe('spn-unknown');
    expect(likelyCause(findings.slice(0, 3))?.id).toBe('kerberos-rejected');
    expect(likelyCause(findings.slice(0, 2))?.id).toBe('no-token-sent');
  });

  it('breaks a tie by severity, and is null when nothing is a problem', () => {
    expect(likelyCause([verdict('ntlm-fallback', 'warning'), verdict('auth-loop', 'error')])?.id).toBe('auth-loop');
    expect(likelyCause([verdict('kerberos-ok', 'info'), verdict('no-mutual-auth', 'info')])).toBeNull();
  });

  it('puts the SPN error of the unregistered-SPN NetLog above the generic no-token finding', () => {
    const exchange = importNetLog(labNetLog('everything')).exchanges.find((candidate) => candidate.url.includes('nospn.lab.test'));
    const findings = diagnoseExchange(exchange as NonNullable<typeof exchange>);
    expect(findings.map((finding) => finding.id)).toContain('no-token-sent');
    const cause = likelyCause(findings);
    expect(cause?.id).toBe('spn-unknown');
    expect(otherChecks(findings, cause).map((finding) => finding.id)).not.toContain('spn-unknown');
  });
});

describe('otherChecks', () => {
  it('lists the rest worst first', () => {
    const findings = [verdict('kernel-mode', 'info'), verdict('spn-mismatch', 'warning'), verdict('auth-loop', 'error')];
    expect(otherChecks(findings, findings[2] as Verdict).map((finding) => finding.id)).toEqual(['spn-mismatch', 'kernel-mode']);
  });
});
