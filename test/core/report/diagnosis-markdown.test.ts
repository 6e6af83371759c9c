import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../../src/core/exchange/model';
import { MASK, TICKET_BUDGET, allDiagnosesMarkdown, diagnosisMarkdown } from '../../../src/core/report/diagnosis-markdown';
import { mainExchange, recordingOf, recordings, replay } from '../../../tools/fixtures/recordings';
import { importNetLog, labNetLog } from '../../helpers/netlog';

const options = {
  includeIdentities: false,
  includeRawTokens: false,
  browser: 'Firefox 153',
  extensionVersion: '0.1.0',
  generatedAt: '2026-11-22T06:00:00.000Z',
};
const ntlm = mainExchange(recordingOf('firefox', 'ntlm-fallback'));
const kerberos = mainExchange(recordingOf('firefox', 'kerberos-ok'));

const SUMMARY = [/^- Site: `/, /^- Outcome: /, /^- Mechanism: /, /^- Most likely cause: /, /^- Next step: /];

describe('diagnosisMarkdown (Copy diagnosis: the selected exchange)', () => {
  it('starts with the five-line summary: site, outcome, mechanism, most likely cause, next step', () => {
    const lines = diagnosisMarkdown(ntlm, options).split('\n');
    SUMMARY.forEach((pattern, index) => expect(lines[index]).toMatch(pattern));
    expect(lines[0]).toBe(`- Site: \`${ntlm.url}\` (GET, 401 → 401 → 200)`);
    expect(lines[1]).toBe('- Outcome: Worked — NTLM, because Negotiate fell back from Kerberos to NTLM');
    expect(lines[3]).toBe('- Most likely cause: Negotiate offered, but NTLM used (Kerberos fallback) (`ntlm-fallback`)');
    expect(lines[4]).toMatch(/^- Next step: Make Kerberos work for legacy\.lab\.test: register HTTP\/legacy\.lab\.test/);
  });

  it('fits a ticket for every recorded lab exchange and every exchange of the lab NetLogs', () => {
    const netlogs = (['default', 'everything'] as const).flatMap((mode) => importNetLog(labNetLog(mode)).exchanges);
    const exchanges: Exchange[] = [...recordings.flatMap((recording) => replay(recording, false)), ...netlogs];
    expect(exchanges.length).toBeGreaterThan(50);
    for (const exchange of exchanges) {
      const markdown = diagnosisMarkdown(exchange, { ...options, reader: { os: 'windows', browser: 'chrome' } });
      expect(markdown.length, exchange.url).toBeLessThanOrEqual(TICKET_BUDGET);
      expect(markdown.split('\n')[0], exchange.url).toMatch(SUMMARY[0] as RegExp);
    }
  });

  it("unfolds the reader's own settings and folds the others", () => {
    const fallback = mainExchange(recordingOf('firefox', 'not-allowlisted'));
    const chrome = diagnosisMarkdown(fallback, { ...options, reader: { os: 'windows', browser: 'chrome' } });
    expect(chrome).toMatch(/^ {3}- Chrome on Windows \(Chrome policy: read it first/m);
    expect(chrome).not.toMatch(/^ {3}- (Edge on Windows|Linux|macOS|Firefox) /m);
    expect(chrome).toMatch(/Settings for other systems and browsers|<details><summary>Settings for other systems and browsers/);
    const firefox = diagnosisMarkdown(fallback, { ...options, reader: { os: 'linux', browser: 'firefox' } });
    expect(firefox).toMatch(/^ {3}- Firefox \(about:config: add \.corp\.example to network\.negotiate-auth\.trusted-uris/m);
    expect(firefox).not.toMatch(/^ {3}- Chrome on Windows/m);
  });

  it('says a success worked, with notes instead of checks and no hardening advice', () => {
    const markdown = diagnosisMarkdown(kerberos, options);
    expect(markdown).toContain('- Outcome: Worked — Kerberos');
    expect(markdown).toContain('- Most likely cause: none — nothing is wrong');
    expect(markdown).toContain('- Next step: Nothing to do.');
    expect(markdown).not.toContain('Other checks:');
    expect(markdown).not.toMatch(/HTTPS|## /);
  });

  it('calls a failure probably transient when the same site signed in later', () => {
    const stale = mainExchange(recordingOf('firefox', 'stale-keytab'));
    const markdown = diagnosisMarkdown(stale, { ...options, transient: new Set([stale.id]) });
    expect(markdown).toMatch(/^- Next step: A later request to this address signed in: probably transient — retry\./m);
  });

  it('states exactly what the redaction masked; no raw token', () => {
    const markdown = diagnosisMarkdown(ntlm, options);
    expect(markdown).toContain(`- Identities: NTLM server name ${MASK}; NTLM user ${MASK}; workstation ${MASK}`);
    expect(markdown).toMatch(
      /\nRedaction: no raw tokens; masked: NTLM server name, NTLM user, workstation; URLs, host names and SPNs are shown\.$/,
    );
    expect(markdown).not.toMatch(/TlRMTVNTUA|YII[A-Za-z0-9+/]{20}/);
    expect(diagnosisMarkdown(kerberos, options)).toContain('Redaction: no raw tokens; masked: Kerberos realm;');
  });

  it('shows identities only when asked', () => {
    const markdown = diagnosisMarkdown(ntlm, { ...options, includeIdentities: true });
    expect(markdown).not.toContain(MASK);
    expect(markdown).toMatch(/NTLM user `(\S+\\)?alice`/i);
    expect(markdown).toContain('Redaction: no raw tokens; identities included;');
  });

  it('appends the raw tokens with a warning only when asked', () => {
    const markdown = diagnosisMarkdown(ntlm, { ...options, includeRawTokens: true });
    expect(markdown).toContain('## Raw tokens');
    expect(markdown).toContain('⚠ These are credentials');
    expect(markdown).toMatch(/Authorization:\n```\nNTLM TlRMTVNTUAAD/);
    expect(markdown).toContain('Redaction: RAW TOKENS INCLUDED (credentials);');
  });
});

describe('allDiagnosesMarkdown (Copy all)', () => {
  it('gives each exchange its summary, each cause its fixes once, and leaves out requests with nothing to say', () => {
    const loop = recordingOf('firefox', 'auth-loop');
    const exchanges = replay(loop, false);
    const markdown = allDiagnosesMarkdown(exchanges, options);
    const listed = exchanges.length - Number(/(\d+) requests? without sign-in or findings left out/.exec(markdown)?.[1] ?? 0);
    expect(markdown.match(/^## GET /gm)).toHaveLength(listed);
    expect(markdown.match(/^- Site: /gm)).toHaveLength(listed);
    expect(markdown.match(/^## Authentication loop/gm)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(markdown).not.toMatch(/\b1 (errors|warnings|exchanges|notes)\b/);
  });
});
