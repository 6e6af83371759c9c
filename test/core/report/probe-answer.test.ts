import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ProbeFacts, probeFindings } from '../../../src/core/diagnosis/probe';
import { curlExchange, readCurlVerbose } from '../../../src/core/import/probe/curl-verbose';
import { MISSING_SPN_FACTS } from '../../helpers/probe-facts';
import { parseProbeAnswer } from '../../../src/core/report/probe-answer';
import { probeJson } from '../../../src/core/report/probe-json';

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/probe/${path}`, import.meta.url), 'utf8');

/** The companion's answer for the unregistered SPN, as `authscope probe --json` writes it, through JSON text. */
function spnUnknownAnswer(): Record<string, unknown> {
  const url = 'http://missing.probe.test:28080/';
  const trace = readCurlVerbose(fixture('local-captures/curl-negotiate-spn-missing.txt'));
  const facts: ProbeFacts = {
    ...MISSING_SPN_FACTS,
    ticket: {
      ok: false,
      spn: 'HTTP/missing.probe.test',
      etype: null,
      error: 'KDC_ERR_S_PRINCIPAL_UNKNOWN',
      said: 'kvno: Server HTTP/missing.probe.test@PROBE.TEST not found in Kerberos database',
    },
    exchange: curlExchange(url, trace, 0),
    curlNotes: trace.notes,
  };
  return JSON.parse(JSON.stringify(probeJson(facts, probeFindings(facts)))) as Record<string, unknown>;
}

describe('parseProbeAnswer', () => {
  it('takes what the probe writes: the findings in order, their evidence from this computer, the ticket and the handshake', () => {
    const parsed = parseProbeAnswer(spnUnknownAnswer());
    if (!('answer' in parsed)) throw new Error(parsed.error);
    const { answer } = parsed;
    expect(answer.spn).toBe('HTTP/missing.probe.test');
    expect(answer.findings.map((finding) => finding.id)).toEqual(['spn-unknown', 'ntlm-fallback']);
    expect(answer.findings[0]?.evidence[0]).toMatchObject({ source: 'this computer', name: 'ticket for HTTP/missing.probe.test' });
    expect(answer.findings[0]?.exchangeId).toBeNull();
    expect(answer.ticket).toEqual({
      ok: false,
      error: 'KDC_ERR_S_PRINCIPAL_UNKNOWN',
      said: 'kvno: Server HTTP/missing.probe.test@PROBE.TEST not found in Kerberos database',
    });
    expect(answer.credentials).toEqual({ tgt: true, said: 'klist: alice@PROBE.TEST' });
    expect(answer.policy).toEqual({ allows: true, basis: 'AuthServerAllowlist has *.probe.test' });
    expect(answer.handshake?.outcome).toBeTypeOf('string');
  });

  it('passes on what the companion itself refused, shortened', () => {
    expect(parseProbeAnswer({ error: 'only http and https URLs can be probed' })).toEqual({
      error: 'the companion refused: only http and https URLs can be probed',
    });
    const long = parseProbeAnswer({ error: 'x'.repeat(10_000) });
    expect('error' in long && long.error.length).toBeLessThan(400);
  });

  it('refuses the whole answer when any finding is not one AuthScope knows or is out of bounds', () => {
    const unreadable = { error: 'the companion’s answer is not one AuthScope can read (another version?)' };
    const withFinding = (change: (finding: Record<string, unknown>) => void) => {
      const answer = spnUnknownAnswer();
      change((answer['findings'] as Record<string, unknown>[])[0] as Record<string, unknown>);
      return parseProbeAnswer(answer);
    };
    expect(withFinding((finding) => (finding['id'] = 'run-this'))).toEqual(unreadable);
    expect(withFinding((finding) => (finding['severity'] = 'critical'))).toEqual(unreadable);
    expect(withFinding((finding) => (finding['title'] = 'x'.repeat(2001)))).toEqual(unreadable);
    expect(withFinding((finding) => (finding['sources'] = [{ title: 'evil', url: 'javascript:alert(1)' }]))).toEqual(unreadable);
    expect(withFinding((finding) => ((finding['evidence'] as Record<string, unknown>[])[0]!['source'] = 'shell'))).toEqual(unreadable);
    expect(withFinding((finding) => (finding['evidence'] = Array.from({ length: 33 }, () => ({}))))).toEqual(unreadable);
  });

  it('never throws on what is not an answer at all', () => {
    for (const value of [null, undefined, 42, 'text', [], [{}], { spn: 5 }, { spn: 'HTTP/x', findings: 'no', missing: [] }]) {
      expect(() => parseProbeAnswer(value)).not.toThrow();
      expect(parseProbeAnswer(value)).toHaveProperty('error');
    }
    const answer = spnUnknownAnswer();
    answer['ticket'] = 'yes';
    answer['credentials'] = { tgt: 'maybe', said: 7 };
    const parsed = parseProbeAnswer(answer);
    expect('answer' in parsed && parsed.answer.ticket).toBeNull();
    expect('answer' in parsed && parsed.answer.credentials).toEqual({ tgt: false, said: '' });
  });
});
