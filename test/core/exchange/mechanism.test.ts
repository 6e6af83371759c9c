// The mechanism inference rules, one row per rule with the protocol reference it rests on, on the lab recordings
// (both browsers) and on exchanges built for the cases the lab does not produce.
import { describe, expect, it } from 'vitest';
import {
  KERBEROS_AP_REQ_MIN_BYTES,
  NTLM_NEGOTIATE_MAX_BYTES,
  type MechanismEvidenceKind,
  readMechanism,
  tokenBytes,
} from '../../../src/core/exchange/mechanism';
import type { AuthItem, AuthLibraryFacts, Exchange, Leg } from '../../../src/core/exchange/model';
import { summarizeExchange } from '../../../src/core/exchange/summary';
import { decodeBase64 } from '../../../src/core/decode/bytes/base64';
import { decodeToken } from '../../../src/core/decode/token/decode';
import { summarizeToken } from '../../../src/core/decode/token/summary';
import { OID_KRB5, OID_NTLMSSP } from '../../../src/core/decode/gssapi/oids';
import { base64 } from '../../helpers/fixtures';
import { ctx, enumerated, oid, seq } from '../../helpers/der';
import { mainExchange, recordingOf } from '../../../tools/fixtures/recordings';
import { publicTokens } from '../../helpers/public-tokens';

const NO_REQUEST = { time: null, credentials: null, proxyCredentials: null, headBytes: null, visible: false } as const;

function item(scheme: string, extra: Partial<AuthItem> = {}): AuthItem {
  return {
    scheme,
    kind: scheme.toLowerCase() === 'ntlm' ? 'ntlm' : scheme.toLowerCase() === 'negotiate' ? 'negotiate' : 'unknown',
    token: null,
    summary: null,
    ...extra,
  };
}

function response(status: number, challenges: AuthItem[] = [], server: string | null = 'Microsoft-IIS/10.0', time = 0) {
  return {
    time,
    status,
    statusLine: `HTTP/1.1 ${status}`,
    challenges,
    proxyChallenges: [],
    server,
    persistentAuth: null,
    connection: null,
    proxyHints: [],
    fingerprint: status,
  };
}

function sentLeg(credentials: AuthItem, answer: ReturnType<typeof response>, headBytes = 600): Leg {
  return { request: { time: null, credentials, proxyCredentials: null, headBytes, visible: true }, response: answer };
}

function exchange(legs: Leg[], extra: Partial<Exchange> = {}): Exchange {
  return {
    id: 'test:1',
    requestId: '1',
    browser: 'chromium',
    url: 'http://intranet.example/',
    origin: 'http://intranet.example',
    method: 'GET',
    resourceType: 'main_frame',
    tabId: 1,
    frameId: 0,
    initiator: null,
    startedAt: 0,
    endedAt: 1,
    legs,
    hiddenLegs: false,
    prompts: [],
    redirects: [],
    error: null,
    finalStatus: legs.at(-1)?.response?.status ?? null,
    preAuthenticated: false,
    done: true,
    ...extra,
  };
}

/** A NegTokenResp (RFC 4178 §4.2.2) with negState and, optionally, supportedMech. */
const negTokenResp = (negState: number, mech?: string) =>
  base64(ctx(1, seq(ctx(0, enumerated(negState)), ...(mech ? [ctx(1, oid(mech))] : []))));

const serverToken = (token: string) => item('Negotiate', { token, summary: summarizeToken(token) });

const netlog = (facts: Partial<AuthLibraryFacts>): AuthLibraryFacts => ({
  allowsDefaultCredentials: true,
  spn: null,
  delegationRequested: false,
  events: [],
  ...facts,
});

const hiddenSuccess = (finalChallenges: AuthItem[], server = 'Microsoft-IIS/10.0') =>
  exchange(
    [
      { request: NO_REQUEST, response: response(401, [item('Negotiate'), item('NTLM')], server) },
      { request: null, response: response(200, finalChallenges, server) },
    ],
    {
      hiddenLegs: true,
    },
  );

const stripped = (scheme: string, length: number) => item(scheme, { strippedLength: length });

interface Row {
  readonly rule: string;
  readonly reference: string;
  readonly exchange: () => Exchange;
  readonly mechanism: 'kerberos' | 'ntlm' | null;
  readonly evidence: MechanismEvidenceKind | null;
  readonly caveat?: RegExp;
}

const ROWS: Row[] = [
  {
    rule: 'the browser’s token, decoded (Firefox shows every leg)',
    reference: 'RFC 4178 §4.2.1 mechToken',
    exchange: () => mainExchange(recordingOf('firefox', 'ntlm-fallback')),
    mechanism: 'ntlm',
    evidence: 'client-token',
  },
  {
    rule: 'a final Negotiate token naming Kerberos ⇒ Kerberos (Chromium, mod_auth_gssapi)',
    reference: 'RFC 4178 §4.2.2 supportedMech, §5',
    exchange: () => mainExchange(recordingOf('chromium', 'kerberos-ok')),
    mechanism: 'kerberos',
    evidence: 'server-token',
  },
  {
    rule: 'a NegTokenResp naming NTLMSSP ⇒ NTLM',
    reference: 'RFC 4178 §4.2.2, MS-SPNG §3.3.5.1',
    exchange: () => hiddenSuccess([serverToken(negTokenResp(0, OID_NTLMSSP))]),
    mechanism: 'ntlm',
    evidence: 'server-token',
  },
  {
    rule: 'Negotiate success on IIS with no final token after hidden legs ⇒ NTLM inside Negotiate (Chromium lab recording)',
    reference: 'RFC 4178 §5, MS-SPNG §3.3.5.1',
    exchange: () => mainExchange(recordingOf('chromium', 'ntlm-fallback')),
    mechanism: 'ntlm',
    evidence: 'inferred',
  },
  {
    rule: 'the same on a server that is not IIS: weaker, and it says so',
    reference: 'RFC 4178 §5',
    exchange: () => hiddenSuccess([], 'Apache/2.4.71 (Debian)'),
    mechanism: 'ntlm',
    evidence: 'inferred',
    caveat: /not IIS\/http\.sys \(Server: Apache/,
  },
  {
    rule: 'a final Negotiate token without supportedMech after hidden legs ⇒ NTLM',
    reference: 'RFC 4178 §4.2.2 (supportedMech present in the first reply only)',
    exchange: () => hiddenSuccess([serverToken(negTokenResp(0))]),
    mechanism: 'ntlm',
    evidence: 'inferred',
  },
  {
    rule: 'only NTLM offered and authenticated ⇒ NTLM',
    reference: 'MS-NTHT §2.2.2',
    exchange: () =>
      exchange(
        [
          { request: NO_REQUEST, response: response(401, [item('NTLM')]) },
          { request: null, response: response(200) },
        ],
        { hiddenLegs: true },
      ),
    mechanism: 'ntlm',
    evidence: 'inferred',
  },
  {
    rule: 'the browser prompted for NTLM credentials (onAuthRequired scheme)',
    reference: 'chrome.webRequest onAuthRequired',
    exchange: () => mainExchange(recordingOf('chromium', 'ntlm-only')),
    mechanism: 'ntlm',
    evidence: 'prompt',
  },
  {
    rule: 'NetLog: the NTLM auth handler made the credentials',
    reference: 'Chromium AUTH_HANDLER_CREATE_RESULT',
    exchange: () =>
      exchange(
        [
          { request: NO_REQUEST, response: response(401, [item('Negotiate'), item('NTLM')]) },
          sentLeg(stripped('NTLM', 49), response(401, [stripped('NTLM', 232)])),
          sentLeg(stripped('NTLM', 501), response(200)),
        ],
        {
          authLibrary: netlog({
            handlers: [
              { scheme: 'negotiate', netError: null },
              { scheme: 'ntlm', netError: null },
            ],
            contexts: [],
          }),
        },
      ),
    mechanism: 'ntlm',
    evidence: 'netlog',
  },
  {
    rule: 'NetLog on Windows: the SSPI context names the package (Kerberos)',
    reference: 'Chromium AUTH_LIBRARY_INIT_SEC_CTX context.mechanism (SECPKG_ATTR_NEGOTIATION_INFO)',
    exchange: () =>
      exchange(
        [
          { request: NO_REQUEST, response: response(401, [item('Negotiate')]) },
          sentLeg(stripped('Negotiate', 1900), response(200, [stripped('Negotiate', 212)])),
        ],
        {
          authLibrary: netlog({
            handlers: [{ scheme: 'negotiate', netError: null }],
            contexts: [{ mechanism: 'Kerberos', sourceNameType: null, error: null }],
          }),
        },
      ),
    mechanism: 'kerberos',
    evidence: 'netlog',
  },
  {
    rule: 'NetLog on Linux: the Negotiate context was built for a Kerberos principal ⇒ Kerberos',
    reference: 'RFC 1964 §2.1.1 name type, RFC 4178 §3',
    exchange: () =>
      exchange(
        [
          { request: NO_REQUEST, response: response(401, [item('Negotiate')]) },
          sentLeg(stripped('Negotiate', 1026), response(200, [stripped('Negotiate', 32)])),
        ],
        {
          authLibrary: netlog({
            handlers: [{ scheme: 'negotiate', netError: null }],
            contexts: [{ mechanism: '1.3.6.1.5.5.2', sourceNameType: '1.2.840.113554.1.2.2.1', error: null }],
          }),
        },
      ),
    mechanism: 'kerberos',
    evidence: 'inferred',
  },
  {
    rule: 'token sizes: a first credential of NEGOTIATE size ⇒ NTLM',
    reference: 'MS-NLMP §2.2.1.1, §1.3.1.1',
    exchange: () =>
      exchange([
        { request: NO_REQUEST, response: response(401, [item('Negotiate')]) },
        sentLeg(stripped('Negotiate', 54), response(401, [stripped('Negotiate', 300)])),
        sentLeg(stripped('Negotiate', 600), response(200)),
      ]),
    mechanism: 'ntlm',
    evidence: 'inferred',
  },
  {
    rule: 'token sizes: one AP-REQ-sized credential after a bare challenge ⇒ Kerberos',
    reference: 'RFC 4120 §3.2, MS-NLMP §1.3.1.1',
    exchange: () =>
      exchange([
        { request: NO_REQUEST, response: response(401, [item('Negotiate')]) },
        sentLeg(stripped('Negotiate', 1026), response(200, [stripped('Negotiate', 32)]), 1489),
      ]),
    mechanism: 'kerberos',
    evidence: 'inferred',
    caveat: /1489 bytes\) is between Microsoft's bands .* cannot tell/,
  },
  {
    rule: 'when Microsoft’s size estimate disagrees with the structure, it is said instead of guessed',
    reference: 'Microsoft “Troubleshoot Kerberos failures in Internet Explorer” (size estimate)',
    exchange: () =>
      exchange([
        { request: NO_REQUEST, response: response(401, [item('Negotiate')]) },
        sentLeg(stripped('Negotiate', 1026), response(200), 1100),
      ]),
    mechanism: 'kerberos',
    evidence: 'inferred',
    caveat: /size estimate \(request 1100 bytes\) says NTLM, but the handshake says Kerberos/,
  },
  {
    rule: 'sizes unknown: two credentials around a server token ⇒ NTLM, weaker',
    reference: 'MS-NLMP §1.3.1.1',
    exchange: () =>
      exchange([
        { request: NO_REQUEST, response: response(401, [item('Negotiate')]) },
        sentLeg(item('Negotiate'), response(401, [item('Negotiate', { strippedLength: 300 })])),
        sentLeg(item('Negotiate'), response(200)),
      ]),
    mechanism: 'ntlm',
    evidence: 'inferred',
    caveat: /token sizes are not known/,
  },
  {
    rule: 'a credential scheme that carries one mechanism (Authorization: NTLM, token unread)',
    reference: 'MS-NTHT §2.2.2',
    exchange: () => exchange([{ request: NO_REQUEST, response: response(401, [item('NTLM')]) }, sentLeg(item('NTLM'), response(200))]),
    mechanism: 'ntlm',
    evidence: 'inferred',
  },
  {
    rule: 'nothing visible: no token, prompt, log or success ⇒ not visible',
    reference: '—',
    exchange: () => mainExchange(recordingOf('chromium', 'spn-unknown')),
    mechanism: null,
    evidence: null,
  },
];

describe('mechanism inference rules', () => {
  it.each(ROWS.map((row) => [`${row.rule} (${row.reference})`, row] as const))('%s', (_, row) => {
    const reading = summarizeExchange(row.exchange()).mechanismReading;
    expect({ mechanism: reading.mechanism, evidence: reading.evidence }).toEqual({ mechanism: row.mechanism, evidence: row.evidence });
    if (row.mechanism) {
      expect(reading.reason).toBeTruthy();
      expect(reading.facts.length).toBeGreaterThan(0);
    }
    if (row.evidence === 'inferred') expect(reading.basis).toMatch(/RFC|MS-/);
    if (row.caveat) expect(reading.caveats.join(' ')).toMatch(row.caveat);
    else if (row.mechanism) expect(reading.caveats.filter((caveat) => /weaker|disagrees/.test(caveat))).toEqual([]);
  });

  it('a weaker sign that disagrees is said, never silently dropped', () => {
    // The NetLog names NTLM, but the first credential has the size of an AP-REQ.
    const reading = summarizeExchange(
      exchange(
        [{ request: NO_REQUEST, response: response(401, [item('Negotiate')]) }, sentLeg(stripped('Negotiate', 1026), response(200))],
        {
          authLibrary: netlog({ handlers: [{ scheme: 'ntlm', netError: null }], contexts: [] }),
        },
      ),
    ).mechanismReading;
    expect(reading.mechanism).toBe('ntlm');
    expect(reading.caveats.join(' ')).toMatch(/A weaker sign disagrees: the first credential is 762 bytes .*\(Kerberos\)/);
  });

  it('shows the round-trip timing as supporting evidence only', () => {
    const timed = exchange(
      [
        { request: { ...NO_REQUEST, time: 1000, visible: true }, response: response(401, [item('Negotiate')], 'Microsoft-IIS/10.0', 1010) },
        { request: null, response: response(200, [], 'Microsoft-IIS/10.0', 1030) },
      ],
      { hiddenLegs: true },
    );
    const reading = readMechanism(timed, { offered: ['Negotiate'], authenticated: true, requestAuthBytes: null });
    expect(reading.mechanism).toBe('ntlm');
    expect(reading.reason).not.toMatch(/ms/);
    expect(reading.facts.find((fact) => fact.name === 'timing (supporting only)')?.value).toBe(
      'hidden legs took 20 ms, 2.0× the first round trip (10 ms); NTLM needs two more round trips, Kerberos one',
    );
  });

  it('a Kerberos answer the browser could not have hidden is never overruled by the size estimate', () => {
    const reading = summarizeExchange(hiddenSuccess([serverToken(negTokenResp(0, OID_KRB5))])).mechanismReading;
    expect(reading).toMatchObject({ mechanism: 'kerberos', evidence: 'server-token' });
  });
});

describe('token size bands, on our recordings and public tokens', () => {
  const decodedBytes = (text: string) => {
    const bytes = decodeBase64(text);
    return bytes.ok ? bytes.value.length : -1;
  };
  const first = (kind: string) => publicTokens.filter((token) => token.kind.startsWith(kind));

  it('every public NTLM NEGOTIATE, raw or in a SPNEGO NegTokenInit, is at most the NEGOTIATE band', () => {
    const negotiates = [
      ...first('NTLM NEGOTIATE_MESSAGE'),
      ...publicTokens.filter(
        (token) =>
          token.kind.startsWith('SPNEGO NegTokenInit') && /NTLM NEGOTIATE|mechToken NTLM|NTLMSSP\) \+ NTLM NEGOTIATE/.test(token.kind),
      ),
    ];
    expect(negotiates.length).toBeGreaterThanOrEqual(6);
    for (const token of negotiates) expect(decodedBytes(token.base64), token.name).toBeLessThanOrEqual(NTLM_NEGOTIATE_MAX_BYTES);
  });

  it('every real public AP-REQ (raw GSS or in SPNEGO) is at least the AP-REQ band; NegoEx openers fall between', () => {
    const apReqs = publicTokens.filter((token) => {
      const decoded = decodeToken(token.base64);
      const kerberos = decoded.ok ? (decoded.value.token.kerberos ?? decoded.value.token.spnego?.inner?.kerberos) : null;
      return kerberos?.message === 'ap-req' && !/reference vector/.test(token.kind);
    });
    expect(apReqs.length).toBeGreaterThanOrEqual(6);
    for (const token of apReqs) expect(decodedBytes(token.base64), token.name).toBeGreaterThanOrEqual(KERBEROS_AP_REQ_MIN_BYTES);
    const negoEx = publicTokens.filter((token) => /NegTokenInit \(NEGOEX, NTLMSSP\) \+ NEGOEX/.test(token.kind));
    for (const token of negoEx) {
      expect(decodedBytes(token.base64)).toBeGreaterThan(NTLM_NEGOTIATE_MAX_BYTES);
      expect(decodedBytes(token.base64)).toBeLessThan(KERBEROS_AP_REQ_MIN_BYTES);
    }
  });

  it('a stripped length converts to the decoded size the way Chromium strips (whole Authorization, challenge parameters)', () => {
    // Lab: "Authorization: [1026 bytes were stripped]" was "Negotiate " + 1,016 base64 characters = 762 bytes.
    expect(tokenBytes(stripped('Negotiate', 1026), 'request')).toBe(762);
    expect(tokenBytes(stripped('NTLM', 49), 'request')).toBe(33);
    expect(tokenBytes(stripped('Negotiate', 32), 'response')).toBe(24);
    expect(tokenBytes(item('Negotiate', { summary: summarizeToken(negTokenResp(2)) }), 'response')).toBe(9);
  });
});
