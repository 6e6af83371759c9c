import { describe, expect, it } from 'vitest';
import { BADGE_COLORS, badgeFor } from '../../../src/core/diagnosis/badge';
import { recordingOf, replay } from '../../../tools/fixtures/recordings';

describe('badgeFor (the diagnosis engine’s error and warning findings)', () => {
  it('counts the failed exchange in red with its finding in the tooltip, ignoring favicon noise', () => {
    const exchanges = replay(recordingOf('chromium', 'spn-unknown'));
    const badge = badgeFor(exchanges);
    expect(badge).toMatchObject({ text: '1', color: BADGE_COLORS.error });
    expect(badge.title).toMatch(/^AuthScope: 1 auth problem on nospn\.lab\.test:\d+: Authentication failed \(final 401\)/);
  });

  it('shows a silent NTLM fallback in amber and a healthy Kerberos exchange not at all', () => {
    expect(badgeFor(replay(recordingOf('firefox', 'ntlm-fallback')))).toMatchObject({ text: '1', color: BADGE_COLORS.warning });
    expect(badgeFor(replay(recordingOf('firefox', 'kerberos-ok')))).toMatchObject({ text: '' });
  });

  it('counts exchanges, not findings, and caps the text', () => {
    const [exchange] = replay(recordingOf('chromium', 'not-allowlisted'));
    const many = Array.from({ length: 120 }, (_, index) => ({ ...exchange!, id: `x${index}` }));
    expect(badgeFor(many).text).toBe('99+');
    expect(badgeFor(many.slice(0, 3)).title).toContain('(×3)');
  });
});
