import { describe, expect, it } from 'vitest';
import { allowlistPatternFor, chromiumPolicy, firefoxPref } from '../../../src/core/diagnosis/policies';

describe('policy settings, ready to copy', () => {
  it('gives a Chromium policy for Chrome and Edge on Windows, Linux and macOS', () => {
    const settings = chromiumPolicy('AuthServerAllowlist', '*.corp.example');
    expect(settings.map((setting) => setting.platform)).toEqual(['windows', 'windows', 'linux', 'macos']);
    expect(settings[0]?.value).toBe(
      'reg add "HKLM\\SOFTWARE\\Policies\\Google\\Chrome" /v AuthServerAllowlist /t REG_SZ /d "*.corp.example" /f',
    );
    expect(settings[1]?.value).toContain('Policies\\Microsoft\\Edge');
    expect(JSON.parse(settings[2]?.value ?? '')).toEqual({ AuthServerAllowlist: '*.corp.example' });
    expect(settings[2]?.how).toContain('/etc/chromium/policies/managed/');
    expect(settings[3]?.value).toBe('defaults write com.google.Chrome AuthServerAllowlist -string "*.corp.example"');
  });

  it('writes booleans and integers as DWORDs and typed defaults', () => {
    expect(chromiumPolicy('DisableAuthNegotiateCnameLookup', true)[0]?.value).toContain('/t REG_DWORD /d "1"');
    expect(chromiumPolicy('AmbientAuthenticationInPrivateModesEnabled', 3)[3]?.value).toContain('-integer 3');
  });

  it('gives Firefox prefs as user.js lines and policies.json', () => {
    const [userJs, policies] = firefoxPref('network.negotiate-auth.trusted-uris', '.corp.example');
    expect(userJs?.value).toBe('user_pref("network.negotiate-auth.trusted-uris", ".corp.example");');
    expect(JSON.parse(policies?.value ?? '')).toEqual({
      policies: { Preferences: { 'network.negotiate-auth.trusted-uris': { Value: '.corp.example', Status: 'locked' } } },
    });
  });

  it('builds the allowlist pattern from the parent domain', () => {
    expect(allowlistPatternFor('intranet.corp.example')).toBe('*.corp.example');
    expect(allowlistPatternFor('intranet')).toBe('intranet');
  });
});
