// Where AuthScope watches fully: the address classifier, intranet patterns, learned origins and the full-watch patterns.
import { describe, expect, it } from 'vitest';
import {
  MAX_LEARNED_ORIGINS,
  SPECIAL_USE_NAME_PATTERNS,
  classifyAddress,
  fullWatchPatterns,
  hostMatcher,
  hostPattern,
  intranetMatchPatterns,
  isIntranetAddress,
  learnReason,
  offersWindowsAuth,
  parseIntranetPattern,
  parseLearnedOrigins,
  withLearnedOrigin,
} from '../../../src/core/exchange/watch-scope';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.1.2', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['172.15.0.1', 'public'],
    ['192.168.10.5', 'private'],
    ['169.254.1.1', 'link-local'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.255', 'shared'],
    ['100.128.0.1', 'public'],
    ['8.8.8.8', 'public'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'private'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:8.8.8.8', 'public'],
    ['2001:db8::1', 'public'],
    ['2606:4700::1111', 'public'],
    ['', 'invalid'],
    ['256.1.1.1', 'invalid'],
    ['1:2:3:4:5:6:7:8:9', 'invalid'],
    ['1::2::3', 'invalid'],
    ['intranet.corp.example', 'invalid'],
  ])('%s is %s', (ip, kind) => expect(classifyAddress(ip)).toBe(kind));

  it('counts loopback as intranet unless told to treat it as public (tests only)', () => {
    expect(isIntranetAddress('127.0.0.1')).toBe(true);
    expect(isIntranetAddress('127.0.0.1', { loopbackIsPublic: true })).toBe(false);
    expect(isIntranetAddress('::1', { loopbackIsPublic: true })).toBe(false);
    expect(isIntranetAddress('10.0.0.1', { loopbackIsPublic: true })).toBe(true);
    expect(isIntranetAddress('93.184.216.34')).toBe(false);
  });
});

describe('intranet patterns', () => {
  it.each([
    ['*.corp.example', { host: 'corp.example', subdomains: true }],
    ['intranet', { host: 'intranet', subdomains: false }],
    [' Intranet.Corp.Example ', { host: 'intranet.corp.example', subdomains: false }],
    ['https://app.corp.example:8443/', { host: 'app.corp.example', subdomains: false }],
    ['*://*.lab.test/*', { host: 'lab.test', subdomains: true }],
    ['[fd00::5]:8080', { host: 'fd00::5', subdomains: false }],
    ['ftp://files.corp.example', null],
    ['has space.example', null],
    ['corp.example/path', null],
    ['', null],
    // A wildcard over a public suffix would bring the full listeners back to much of the web.
    ['*.com', null],
    ['*.de', null],
    ['*.co.uk', null],
    ['*.com.au', null],
    ['*.corp', { host: 'corp', subdomains: true }],
    ['*.contoso.co.uk', { host: 'contoso.co.uk', subdomains: true }],
    ['com', { host: 'com', subdomains: false }],
  ])('%s', (text, rule) => expect(parseIntranetPattern(text)).toEqual(rule));

  it('becomes match patterns without ports (Chromium match patterns have none)', () => {
    expect(intranetMatchPatterns(['*.corp.example', 'intranet:8080', 'bad pattern', '[::1]'])).toEqual([
      '*://*.corp.example/*',
      '*://intranet/*',
      '*://[::1]/*',
    ]);
    expect(hostPattern('10.1.2.3')).toBe('*://10.1.2.3/*');
  });

  it('matches hosts the way the patterns do', () => {
    expect(hostMatcher(['*://*.corp.example/*'])('app.corp.example')).toBe(true);
    expect(hostMatcher(['*://*.corp.example/*'])('corp.example')).toBe(true);
    expect(hostMatcher(['*://*.corp.example/*'])('evilcorp.example')).toBe(false);
    expect(hostMatcher(SPECIAL_USE_NAME_PATTERNS)('intranet.lab.test')).toBe(true);
    expect(hostMatcher(SPECIAL_USE_NAME_PATTERNS)('web.corp.example')).toBe(true);
    expect(hostMatcher(SPECIAL_USE_NAME_PATTERNS)('127.0.0.1')).toBe(false);
    expect(hostMatcher(['*://[::1]/*'])('::1')).toBe(true);
    expect(hostMatcher(SPECIAL_USE_NAME_PATTERNS)('www.example.com')).toBe(false);
  });
});

describe('learning', () => {
  const negotiate = [{ name: 'WWW-Authenticate', value: 'Negotiate' }];
  it("learns from a final 401 offering Negotiate or NTLM, the site's own Windows prompt, or an intranet address", () => {
    expect(learnReason({ url: 'https://a.example/', statusCode: 401, responseHeaders: negotiate })).toBe('challenge');
    expect(learnReason({ url: 'https://a.example/', authRequired: true, authScheme: 'ntlm', isProxy: false })).toBe('auth-required');
    expect(learnReason({ url: 'https://a.example/', authRequired: true, authScheme: 'Negotiate' })).toBe('auth-required');
    expect(learnReason({ url: 'https://a.example/', statusCode: 200, responseHeaders: [{ name: 'Persistent-Auth', value: 'true' }] })).toBe(
      'handshake-end',
    );
    expect(
      learnReason({ url: 'https://a.example/', statusCode: 200, responseHeaders: [{ name: 'WWW-Authenticate', value: 'Negotiate oRQw' }] }),
    ).toBe('handshake-end');
    expect(learnReason({ url: 'http://10.0.0.5/', ip: '10.0.0.5', statusCode: 200 })).toBe('address');
    expect(learnReason({ url: 'http://x.lab.test/', ip: '127.0.0.1', statusCode: 200 }, { loopbackIsPublic: true })).toBeNull();
    expect(learnReason({ url: 'https://a.example/', ip: '93.184.216.34', statusCode: 200 })).toBeNull();
    expect(
      learnReason({ url: 'https://a.example/', statusCode: 401, responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer' }] }),
    ).toBeNull();
  });

  it('learns nothing from a proxy (it asks on behalf of every site behind it) or from a Basic prompt', () => {
    expect(
      learnReason({ url: 'https://a.example/', statusCode: 407, responseHeaders: [{ name: 'proxy-authenticate', value: 'Basic, NTLM' }] }),
    ).toBeNull();
    expect(learnReason({ url: 'https://a.example/', authRequired: true, authScheme: 'ntlm', isProxy: true })).toBeNull();
    expect(learnReason({ url: 'https://a.example/', authRequired: true, authScheme: 'basic' })).toBeNull();
    expect(learnReason({ url: 'https://a.example/', authRequired: true })).toBeNull();
  });

  it('reads challenges joined by new lines (Firefox) or commas, and only on a 401', () => {
    expect(offersWindowsAuth(401, [{ name: 'www-authenticate', value: 'Basic realm="x"\nNTLM' }])).toBe(true);
    expect(offersWindowsAuth(200, negotiate)).toBe(false);
    expect(offersWindowsAuth(401, [{ name: 'www-authenticate', value: 'Negotiated-ish' }])).toBe(false);
  });

  it('keeps origins only, bounded, newest last', () => {
    expect(parseLearnedOrigins(['http://a.example', 'http://a.example/path', 42, 'ftp://x', 'https://b.example:8443'])).toEqual([
      'http://a.example',
      'https://b.example:8443',
    ]);
    expect(parseLearnedOrigins('nope')).toEqual([]);
    const one = withLearnedOrigin([], 'http://a.example');
    expect(withLearnedOrigin(one, 'http://a.example')).toBe(one);
    expect(withLearnedOrigin(['http://a.example', 'http://b.example'], 'http://a.example')).toEqual([
      'http://b.example',
      'http://a.example',
    ]);
    let many: readonly string[] = [];
    for (let index = 0; index <= MAX_LEARNED_ORIGINS; index++) many = withLearnedOrigin(many, `http://h${index}.example`);
    expect(many).toHaveLength(MAX_LEARNED_ORIGINS);
    expect(many[0]).toBe('http://h1.example');
  });

  it('watches special-use names, the user’s patterns and the learned hosts fully — or every URL', () => {
    const patterns = fullWatchPatterns({
      everySite: false,
      intranetPatterns: ['*.corp.example'],
      learned: ['http://10.0.0.5:8080', 'https://app.example'],
    });
    expect(patterns).toEqual([...SPECIAL_USE_NAME_PATTERNS, '*://*.corp.example/*', '*://10.0.0.5/*', '*://app.example/*']);
    expect(fullWatchPatterns({ everySite: true, intranetPatterns: [], learned: [] })).toEqual(['http://*/*', 'https://*/*']);
  });
});
