import { describe, expect, it } from 'vitest';
import type { RuleId } from '../../../src/core/diagnosis/finding';
import { diagnoseExchange } from '../../../src/core/diagnosis/findings';
import type { BrowserFamily } from '../../../src/core/exchange/events';
import { type HeadlineVerdict, followedBySignIn, headlineOf } from '../../../src/core/report/headline';
import { mainExchange, recordingOf } from '../../../tools/fixtures/recordings';
import { FINAL_RESPONSE_ONLY_NOTE, hiddenLegsNote } from '../../../src/core/diagnosis/advice/common';
import { statusEvidence } from '../../../src/core/diagnosis/evidence';

const headline = (browser: BrowserFamily, scenario: string) => {
  const exchange = mainExchange(recordingOf(browser, scenario));
  return headlineOf(exchange, diagnoseExchange(exchange));
};

// What each lab scenario's headline says: outcome, mechanism, the likely cause's rule id, and the start of the next step.
const EXPECTED: [BrowserFamily, string, HeadlineVerdict, string | null, RuleId | null, RegExp][] = [
  ['chromium', 'kerberos-ok', 'worked', 'Kerberos', null, /^Nothing to do\.$/],
  ['firefox', 'kerberos-ok', 'worked', 'Kerberos', null, /^Nothing to do\.$/],
  ['chromium', 'spn-unknown', 'failed', null, 'auth-failed', /^Record a NetLog \(3 steps/],
  ['firefox', 'spn-unknown', 'failed', null, 'no-token-sent', /the allowlist, the SPN, the user’s ticket/],
  ['chromium', 'stale-keytab', 'failed', null, 'auth-failed', /^Record a NetLog/],
  ['firefox', 'stale-keytab', 'failed', 'Kerberos', 'kerberos-rejected', /keytab .* HTTP\/stale\.lab\.test \(kvno\)/],
  ['firefox', 'token-too-large', 'failed', 'Kerberos', 'header-too-large', /Apache’s LimitRequestFieldSize/],
  ['chromium', 'ntlm-fallback', 'worked', 'NTLM (inferred)', 'ntlm-fallback', /register HTTP\/legacy\.lab\.test/],
  ['firefox', 'ntlm-fallback', 'worked', 'NTLM', 'ntlm-fallback', /register HTTP\/legacy\.lab\.test/],
  [
    'firefox',
    'ntlm-only',
    'worked',
    'NTLM',
    'ntlm-dependency',
    /^Before NTLM is turned off: offer Negotiate on the server and register its SPN\.$/,
  ],
  ['firefox', 'auth-loop', 'failed', 'NTLM', 'auth-loop', /server’s log/],
  ['firefox', 'preauth-first-request', 'failed', 'NTLM', 'preauth-first-request', /kernel-mode authentication/],
];

describe('headlineOf', () => {
  it.each(EXPECTED)('%s %s: %s, %s, cause %s', (browser, scenario, verdict, mechanism, cause, next) => {
    const line = headline(browser, scenario);
    expect(line).toMatchObject({ verdict, mechanism, cause });
    expect(line.next).toMatch(next);
    expect(line.sentence.startsWith(`${line.label} — `)).toBe(true);
    expect(line.sentence).not.toMatch(/\b(no-token-sent|auth-failed|kerberos-rejected)\b/);
  });

  it('on a site not yet watched fully, says to reload before recording a NetLog, and why only the final response is there', () => {
    const exchange = { ...mainExchange(recordingOf('chromium', 'spn-unknown')), finalResponseOnly: true };
    expect(headlineOf(exchange, diagnoseExchange(exchange)).next).toMatch(
      /^Reload the page: AuthScope watches a site fully once it has seen Negotiate or NTLM there\. Or record a NetLog/,
    );
    expect(headlineOf(exchange, diagnoseExchange(exchange)).sentence).toMatch(/^Failed — only its final response was watched\./);
    expect(statusEvidence(exchange).value).toMatch(/\(final response only: AuthScope was not yet watching this site fully\)$/);
    expect(hiddenLegsNote(exchange)).toBe(FINAL_RESPONSE_ONLY_NOTE);
    expect(hiddenLegsNote({ ...exchange, finalResponseOnly: undefined })).toMatch(/^Chromium does not show extensions/);
  });

  it('says why NTLM worked', () => {
    expect(headline('firefox', 'ntlm-only').sentence).toBe(
      'Worked — NTLM, because the server offers only NTLM. Next: Before NTLM is turned off: offer Negotiate on the server and register its SPN.',
    );
  });

  it('says a failure followed by a sign-in to the same site was probably transient', () => {
    const exchange = mainExchange(recordingOf('firefox', 'stale-keytab'));
    expect(headlineOf(exchange, diagnoseExchange(exchange), { transient: true }).next).toMatch(
      /^A later request to this address signed in: probably transient — retry\./,
    );
  });
});

describe('followedBySignIn', () => {
  it('marks the exchanges before a sign-in at the same address (query aside), none after it, none elsewhere on the site', () => {
    const signIn = mainExchange(recordingOf('firefox', 'kerberos-ok'));
    const failure = mainExchange(recordingOf('firefox', 'stale-keytab'));
    const at = (id: string, offset: number, url = signIn.url) => ({ ...failure, id, url, startedAt: signIn.startedAt + offset });
    const followed = followedBySignIn([
      at('earlier', -1000),
      at('with-query', -500, `${signIn.url}?retry=1`),
      signIn,
      at('later', 1000),
      at('other-page', -1000, new URL('/other/', signIn.url).href),
    ]);
    expect([...followed]).toEqual(['earlier', 'with-query']);
  });
});
