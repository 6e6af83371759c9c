// The finding ids each browser's capture supports per lab scenario: asserted on the recordings (unit) and in
// real browsers (E2E), so both prove the same matrix.
import type { RuleId } from '../../src/core/diagnosis/finding';
import type { BrowserFamily } from '../../src/core/exchange/events';

export const EXPECTED_FINDINGS: Record<BrowserFamily, Record<string, RuleId[]>> = {
  chromium: {
    'kerberos-ok': ['kerberos-ok'],
    // Chromium hides its retry: the final bare 401 cannot tell "no ticket" from "ticket refused".
    'spn-unknown': ['auth-failed'],
    'not-allowlisted': ['no-token-sent'],
    'stale-keytab': ['auth-failed'],
    'token-too-large': ['header-too-large'],
    // On Linux, Chromium always asks for NTLM credentials (the test helper answers the prompt).
    'ntlm-only': ['credential-prompt', 'ntlm-dependency', 'ntlm-used', 'persistent-auth'],
    // Chromium hides the NTLM legs; the mechanism is inferred: IIS authenticated Negotiate without a final token.
    'ntlm-fallback': ['ntlm-fallback', 'ntlm-dependency', 'persistent-auth'],
    'preauth-first-request': ['preauth-first-request', 'kernel-mode'],
    'auth-loop': ['auth-loop', 'ntlm-fallback'],
    // Over HTTPS as over HTTP: the prompt, NTLM, Persistent-Auth (the channel binding is not visible live).
    'ntlm-https': ['credential-prompt', 'ntlm-dependency', 'ntlm-used', 'persistent-auth'],
    // The 401 came over HTTP/2 and the token went over HTTP/1.1 (or, at times, a second HTTP/2 connection):
    // webRequest shows neither protocol switch, only a Kerberos success.
    'negotiate-h2': ['kerberos-ok'],
  },
  firefox: {
    'kerberos-ok': ['kerberos-ok', 'no-mutual-auth'],
    'spn-unknown': ['no-token-sent'],
    'not-allowlisted': ['no-token-sent'],
    'stale-keytab': ['kerberos-rejected'],
    'token-too-large': ['header-too-large'],
    'ntlm-only': ['ntlm-dependency', 'ntlm-used', 'kernel-mode', 'persistent-auth'],
    'ntlm-fallback': ['ntlm-fallback', 'ntlm-dependency', 'kernel-mode', 'persistent-auth'],
    'preauth-first-request': ['preauth-first-request'],
    'auth-loop': ['auth-loop', 'ntlm-fallback', 'kernel-mode'],
    // Firefox's NTLM binds to no TLS channel (its AUTHENTICATE has no MsvAvChannelBindings).
    'ntlm-https': ['no-channel-binding', 'ntlm-dependency', 'ntlm-used', 'kernel-mode', 'persistent-auth'],
    // Firefox hides the HTTP/2 401 and reports the anonymous retry over HTTP/1.1 as the first leg.
    'negotiate-h2': ['kerberos-ok', 'no-mutual-auth'],
  },
};
