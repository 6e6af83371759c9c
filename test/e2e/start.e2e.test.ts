// `npm start` on a machine without a display: builds, starts the demo intranet, tours every scenario headless with
// the extension, prints the URLs and badges, saves the panel's screenshot, and stops everything (`--once`).
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('npm start (headless)', () => {
  it('tours the demo intranet and saves the panel screenshot', () => {
    rmSync('demo-panel.png', { force: true });
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--once'], {
      encoding: 'utf8',
      env: { ...process.env, DISPLAY: '' },
      timeout: 240_000,
    });
    expect(output).toMatch(/Demo intranet: http:\/\/127\.0\.0\.1:\d+\//);
    expect(output).toMatch(/ntlm-fallback\s+http:\/\/\S+\/iis\//);
    expect(output).toMatch(/badge +1 on http:\/\/\S+kernel-mode\/api: AuthScope: 1 auth problem .*KB2749007/);
    expect(existsSync('demo-panel.png') && statSync('demo-panel.png').size).toBeGreaterThan(10_000);
  });
});
