// The rule × scenario matrix on real lab recordings (test/fixtures/capture): every finding id each browser's
// capture supports, no more — the same ids the real-browser E2E asserts.
import { describe, expect, it } from 'vitest';
import { dedupeFindings, diagnose, diagnoseExchange } from '../../../src/core/diagnosis/findings';
import { ALL_RULE_IDS, RULES, verdictsOf, worstSeverity } from '../../../src/core/diagnosis/judge';
import { SEVERITY_RANK } from '../../../src/core/diagnosis/finding';
import { EXPECTED_FINDINGS } from '../../helpers/expected-findings';
import { mainExchange, recordingOf, recordings, replay } from '../../../tools/fixtures/recordings';

describe('diagnosis of the recorded lab scenarios', () => {
  it.each(recordings.map((recording) => [`${recording.browser}/${recording.scenario}`, recording] as const))('%s', (_, recording) => {
    const findings = diagnoseExchange(mainExchange(recording));
    expect(findings.map((finding) => finding.id)).toEqual(EXPECTED_FINDINGS[recording.browser][recording.scenario]);
    for (const finding of findings) {
      expect(finding.evidence.length, finding.id).toBeGreaterThan(0);
      expect(finding.explanation.length, finding.id).toBeGreaterThan(40);
      expect(JSON.stringify(finding), finding.id).not.toMatch(/YII[A-Za-z0-9+/]{40}|TlRMTVNTUAAD/);
    }
  });

  it('gives each verdict its advice, unchanged: the badge and list judge exactly what the detail pane explains', () => {
    for (const recording of recordings) {
      for (const exchange of replay(recording)) {
        const findings = diagnoseExchange(exchange);
        expect(findings.map(({ explanation: _e, fixes: _f, missing: _m, sources: _s, next: _n, ...verdict }) => verdict)).toEqual(
          verdictsOf(exchange),
        );
        for (const finding of findings) expect(finding.sources.every((source) => source.url.startsWith('https://'))).toBe(true);
      }
    }
  });

  it('lists findings worst first', () => {
    for (const recording of recordings) {
      const ranks = diagnoseExchange(mainExchange(recording)).map((finding) => SEVERITY_RANK[finding.severity]);
      expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    }
  });

  it('cites the leg and header of its evidence', () => {
    const [finding] = diagnoseExchange(mainExchange(recordingOf('firefox', 'stale-keytab')));
    expect(finding?.evidence).toContainEqual(
      expect.objectContaining({
        leg: 1,
        source: 'request',
        name: 'Authorization',
        value: expect.stringContaining('SPN HTTP/stale.lab.test'),
      }),
    );
    expect(finding?.evidence).toContainEqual(
      expect.objectContaining({ leg: 1, source: 'token', value: expect.stringContaining('negState reject') }),
    );
  });

  it('says what Chromium hid and how to see it', () => {
    const [finding] = diagnoseExchange(mainExchange(recordingOf('chromium', 'stale-keytab')));
    expect(finding?.missing).toContain('chrome://net-export');
  });

  it('ignores favicon.ico challenges and de-duplicates across exchanges', () => {
    const recording = recordingOf('firefox', 'ntlm-only');
    const exchanges = replay(recording);
    expect(exchanges.some((exchange) => exchange.url.endsWith('/favicon.ico'))).toBe(true);
    const findings = diagnose(exchanges);
    expect(findings.every((finding) => !finding.url?.endsWith('/favicon.ico'))).toBe(true);
    const twice = dedupeFindings([...findings, ...findings]);
    expect(twice.map((group) => group.count)).toEqual(findings.map(() => 2));
    // An NTLM-only site signs in, and depends on NTLM: a warning.
    expect(worstSeverity(findings)).toBe('warning');
    expect(worstSeverity([])).toBeNull();
  });

  it('gives every rule a stable, unique id', () => {
    expect(new Set(ALL_RULE_IDS).size).toBe(ALL_RULE_IDS.length);
    expect(RULES.length).toBeGreaterThanOrEqual(19);
  });
});
