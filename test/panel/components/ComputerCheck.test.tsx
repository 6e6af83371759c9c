// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ComputerCheck } from '../../../src/panel/components/ComputerCheck';
import type { ComputerAnswer } from '../../../src/panel/companion';
import { parseProbeAnswer } from '../../../src/core/report/probe-answer';

afterEach(cleanup);

/** The companion's answer for an unregistered SPN, as probe-json writes it, through the panel's own check. */
const spnUnknown = parseProbeAnswer({
  spn: 'HTTP/nospn.lab.test',
  ticket: {
    ok: false,
    error: 'KDC_ERR_S_PRINCIPAL_UNKNOWN',
    etype: null,
    said: 'kvno: Server HTTP/nospn.lab.test@LAB.TEST not found in Kerberos database',
  },
  credentials: { tgt: true, principal: 'alice@LAB.TEST', expires: null, said: 'klist: alice@LAB.TEST' },
  policy: { browser: 'chromium', allows: true, basis: 'AuthServerAllowlist has *.lab.test', values: {} },
  exchange: null,
  missing: ['curl (Debian/Ubuntu: apt-get install curl)'],
  findings: [
    {
      id: 'spn-unknown',
      severity: 'error',
      title: 'The KDC does not know HTTP/nospn.lab.test <img src=x onerror=alert(1)>',
      url: 'http://nospn.lab.test/',
      evidence: [
        {
          leg: null,
          source: 'this computer',
          name: 'ticket for HTTP/nospn.lab.test',
          value: 'kvno: Server not found in Kerberos database',
        },
      ],
      explanation: 'Register the SPN.',
      fixes: [
        {
          text: 'Register the SPN on the service account.',
          commands: ['setspn -S HTTP/nospn.lab.test svc-web'],
          settings: [],
          withheld: null,
        },
      ],
      missing: null,
      sources: [],
    },
  ],
}) as ComputerAnswer;

describe('ComputerCheck', () => {
  it('asks for the exchange’s URL and shows this computer’s facts and the cause it names, strangers’ text as text', async () => {
    const asked: string[] = [];
    const { getByRole, container } = render(
      <ComputerCheck url="http://nospn.lab.test/" ask={async (url) => (asked.push(url), spnUnknown)} />,
    );
    fireEvent.click(getByRole('button', { name: 'Ask this computer' }));
    await waitFor(() => expect(container.querySelector('.computer-check')?.getAttribute('data-probe')).toBe('spn-unknown'));
    expect(asked).toEqual(['http://nospn.lab.test/']);
    const section = getByRole('region', { name: 'This computer' });
    expect(section.textContent).toContain('Service ticket: refused (KDC_ERR_S_PRINCIPAL_UNKNOWN)');
    expect(section.textContent).toContain('Not checked, missing: curl');
    expect(section.textContent).toContain('This computer says');
    expect(section.querySelector('img')).toBeNull();
    expect(section.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(getByRole('button', { name: 'Ask again' })).toBeTruthy();
  });

  it('without the companion: the reason and the one line that installs it', async () => {
    const line = 'npm install -g authscope-cli-0.1.0.tgz && authscope companion install';
    const { getByRole } = render(
      <ComputerCheck
        url="http://nospn.lab.test/"
        ask={async () => ({ error: 'The AuthScope companion is not installed on this computer.', install: line })}
      />,
    );
    fireEvent.click(getByRole('button', { name: 'Ask this computer' }));
    await waitFor(() =>
      expect(getByRole('status').textContent).toBe(`The AuthScope companion is not installed on this computer. Install it once: ${line}`),
    );
  });
});
