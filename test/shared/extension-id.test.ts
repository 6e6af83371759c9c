import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_EXTENSION_ID, CHROMIUM_EXTENSION_KEY, COMPANION_HOST, FIREFOX_ADDON_ID } from '../../src/shared/extension-id';

describe('AuthScope’s ids', () => {
  it('the Chromium id is the one Chrome derives from the key: SHA-256 of the key, first 16 bytes, hex digits as a–p', () => {
    const digest = createHash('sha256').update(Buffer.from(CHROMIUM_EXTENSION_KEY, 'base64')).digest('hex').slice(0, 32);
    expect([...digest].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('')).toBe(CHROMIUM_EXTENSION_ID);
  });

  it('the Firefox id is the manifest’s, and the host name follows both browsers’ rules', () => {
    const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as { browser_specific_settings: { gecko: { id: string } } };
    expect(manifest.browser_specific_settings.gecko.id).toBe(FIREFOX_ADDON_ID);
    expect(COMPANION_HOST).toMatch(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/);
  });
});
