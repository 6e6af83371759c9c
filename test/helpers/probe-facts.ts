// What `authscope probe` found for the unregistered-SPN host of test/fixtures/probe/local-captures (a TGT, the policy
// allowing *.probe.test, no ticket asked for yet, no handshake): the tests vary it one fact at a time.
import type { ProbeFacts } from '../../src/core/diagnosis/probe';

export const MISSING_SPN_FACTS: ProbeFacts = {
  url: 'http://missing.probe.test:28080/',
  host: 'missing.probe.test',
  canonicalName: 'missing.probe.test',
  nameSource: 'getent ahosts',
  ipHost: false,
  spn: 'HTTP/missing.probe.test',
  credentials: { tgt: true, principal: 'alice@PROBE.TEST', expires: '11/30/26 01:40:46', said: 'klist: alice@PROBE.TEST' },
  ticket: null,
  clockSkewSeconds: 0,
  policy: { browser: 'chromium', allows: true, basis: 'AuthServerAllowlist has *.probe.test', values: {} },
  exchange: null,
  curlNotes: [],
  missing: [],
};
