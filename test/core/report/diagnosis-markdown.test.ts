import { describe, expect, it } from 'vitest';
import { MASK, diagnosisMarkdown } from '../../../src/core/report/diagnosis-markdown';
import { mainExchange, recordingOf } from '../../../tools/fixtures/recordings';

const options = {
  includeIdentities: false,
  includeRawTokens: false,
  browser: 'Firefox 153',
  extensionVersion: '0.1.0',
  generatedAt: '2026-11-22T06:00:00.000Z',
};
const ntlm = mainExchange(recordingOf('firefox', 'ntlm-fallback'));
const kerberos = mainExchange(recordingOf('firefox', 'kerberos-ok'));

describe('diagnosisMarkdown', () => {
  it('by default: no raw token, identities masked, findings with evidence and fixes', () => {
    const report = diagnosisMarkdown([ntlm, kerberos], options);
    expect(report).toMatch(/^# AuthScope diagnosis\n/);
    expect(report).toContain('- Generated 2026-11-22T06:00:00.000Z · Firefox 153 · AuthScope 0.1.0');
    expect(report).toContain('## Summary');
    expect(report).toContain('**[warning] Negotiate offered, but NTLM used (Kerberos fallback)** (`ntlm-fallback`)');
    expect(report).toContain(`## GET \`${ntlm.url}\` — 401 → 401 → 200`);
    expect(report).toContain(`user ${MASK}, workstation ${MASK}`);
    expect(report).toContain('Evidence:');
    expect(report).toContain('`setspn -Q HTTP/legacy.lab.test`');
    expect(report).not.toMatch(/TlRMTVNTUA|YII[A-Za-z0-9+/]{20}/);
    expect(report).not.toContain('## Raw tokens');
  });

  it('shows identities only when asked', () => {
    const report = diagnosisMarkdown([ntlm], { ...options, includeIdentities: true });
    expect(report).not.toContain(MASK);
    expect(report).toMatch(/user `(\S+\\)?alice`/i);
  });

  it('appends the raw tokens with a warning only when asked', () => {
    const report = diagnosisMarkdown([ntlm], { ...options, includeRawTokens: true });
    expect(report).toContain('## Raw tokens');
    expect(report).toContain('⚠ These are credentials');
    expect(report).toMatch(/Authorization:\n```\nNTLM TlRMTVNTUAAD/);
  });
});
