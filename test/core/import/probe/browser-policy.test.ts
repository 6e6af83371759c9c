import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  readChromiumCommandLine,
  readChromiumPolicyFiles,
  readDefaults,
  readFirefoxPolicies,
  readFirefoxPrefs,
  readRegQuery,
} from '../../../../src/core/import/probe/browser-policy';

const fixture = (path: string) => readFileSync(new URL(`../../../fixtures/probe/${path}`, import.meta.url), 'utf8');

describe('Chromium policy on each system', () => {
  it('Linux JSON files: every file read, mandatory ones winning, other policies ignored', () => {
    const read = readChromiumPolicyFiles([
      { path: '/etc/chromium/policies/managed/corp.json', text: '{"AuthServerAllowlist": "*.corp.example", "HomepageLocation": "x"}' },
      {
        path: '/etc/chromium/policies/recommended/a.json',
        text: '{"AuthServerAllowlist": "*.other.example", "EnableAuthNegotiatePort": true}',
      },
      { path: '/etc/chromium/policies/managed/broken.json', text: '{not json' },
    ]);
    expect(read.values).toEqual({ AuthServerAllowlist: '*.corp.example', EnableAuthNegotiatePort: 'true' });
    expect(read.sources['AuthServerAllowlist']).toBe('/etc/chromium/policies/managed/corp.json');
  });

  it('reg query: values in Microsoft’s documented layout, list policies as numbered subkey values, the not-found error', () => {
    const layout = fixture('windows/reg-query-value-format.txt');
    expect(readRegQuery(layout)).toEqual({});
    const output = [
      '',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome',
      '    AuthServerAllowlist    REG_SZ    *.corp.example,corp.example',
      '    DisableAuthNegotiateCnameLookup    REG_DWORD    0x1',
      '    HomepageLocation    REG_SZ    https://intranet',
      '',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\AllHttpAuthSchemesAllowedForOrigins',
      '    1    REG_SZ    https://a.example',
      '    2    REG_SZ    b.example',
    ].join('\r\n');
    expect(readRegQuery(output)).toEqual({
      AuthServerAllowlist: '*.corp.example,corp.example',
      DisableAuthNegotiateCnameLookup: 'true',
      AllHttpAuthSchemesAllowedForOrigins: 'https://a.example,b.example',
    });
    expect(readRegQuery(fixture('windows/reg-query-not-found-error.txt'))).toEqual({});
  });

  it('defaults read: the old-style plist layout (Dock domain from the docs), strings, lists and booleans', () => {
    expect(readDefaults(fixture('macos/defaults-read-domain-format.txt'))).toEqual({});
    const chrome =
      '{\n    AuthServerAllowlist = "*.corp.example";\n    EnableAuthNegotiatePort = 1;\n    AllHttpAuthSchemesAllowedForOrigins =     (\n        "a.example",\n        "b.example"\n    );\n}';
    expect(readDefaults(chrome)).toEqual({
      AuthServerAllowlist: '*.corp.example',
      EnableAuthNegotiatePort: 'true',
      AllHttpAuthSchemesAllowedForOrigins: 'a.example,b.example',
    });
  });

  it('the browser’s own switches', () => {
    expect(
      readChromiumCommandLine([
        '/usr/lib/chromium/chromium',
        '--auth-server-allowlist=*.lab.test',
        '--enable-auth-negotiate-port',
        '--headless',
      ]),
    ).toEqual({
      AuthServerAllowlist: '*.lab.test',
      EnableAuthNegotiatePort: 'true',
    });
  });
});

describe('Firefox', () => {
  it('policies.json Authentication lists (the policy-templates shape) as the prefs they set', () => {
    expect(fixture('browser/firefox-policies-authentication.json')).toContain('"SPNEGO"');
    const policies = '{"policies":{"Authentication":{"SPNEGO":["mydomain.com","https://myotherdomain.com"],"NTLM":["legacy.example"]}}}';
    expect(readFirefoxPolicies(policies)).toEqual({
      'network.negotiate-auth.trusted-uris': 'mydomain.com,https://myotherdomain.com',
      'network.automatic-ntlm-auth.trusted-uris': 'legacy.example',
    });
    expect(readFirefoxPolicies('garbage')).toEqual({});
  });

  it('prefs.js / user.js: the last user_pref wins', () => {
    const prefs =
      'user_pref("network.negotiate-auth.trusted-uris", ".old.example");\nuser_pref("browser.startup.page", 3);\nuser_pref("network.negotiate-auth.trusted-uris", ".lab.test");';
    expect(readFirefoxPrefs(prefs)).toEqual({ 'network.negotiate-auth.trusted-uris': '.lab.test' });
  });
});
