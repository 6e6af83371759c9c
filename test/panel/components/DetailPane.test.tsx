// @vitest-environment happy-dom
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { exchangeRow } from '../../../src/panel/state/exchange-row';
import { DetailPane } from '../../../src/panel/components/DetailPane';
import { mainExchange, recordingOf } from '../../../tools/fixtures/recordings';

afterEach(cleanup);

describe('DetailPane', () => {
  it('shows the findings, every leg, and the last credential decoded; a field selects its bytes', () => {
    const row = exchangeRow(mainExchange(recordingOf('firefox', 'stale-keytab')));
    const { getByRole, container } = render(<DetailPane row={row} rows={[row]} />);
    expect([...container.querySelectorAll('[data-finding]')].map((node) => node.getAttribute('data-finding'))).toEqual([
      'kerberos-rejected',
    ]);
    expect(getByRole('list', { name: 'Legs' }).textContent).toMatch(/leg 2 → GET.*Authorization: Negotiate \(spnego-init, kerberos/);
    const tree = getByRole('tree', { name: 'Decoded token' });
    expect(tree.textContent).toContain('HTTP/stale.lab.test');
    expect(getByRole('region', { name: 'Token bytes' })).toBeTruthy();
    const field = [...tree.querySelectorAll('[role=treeitem][aria-selected]')].at(-1) as HTMLElement;
    fireEvent.click(field);
    expect(getByRole('region', { name: /Token bytes, \d+–\d+ selected/ }).querySelectorAll('.hex-byte.selected').length).toBeGreaterThan(0);
  });

  it('says what Chromium hid and how to see it, and shows the server’s token when no client token is visible', () => {
    const row = exchangeRow(mainExchange(recordingOf('chromium', 'kerberos-ok')));
    const { getByRole } = render(<DetailPane row={row} rows={[row]} />);
    expect(getByRole('region', { name: 'Answer' }).textContent).toContain('chrome://net-export');
    expect(getByRole('list', { name: 'Legs' }).textContent).toContain('request hidden by the browser');
    expect(getByRole('tree', { name: 'Decoded token' }).textContent).toContain('accept-completed');
  });

  it('says when an exchange was recovered by the panel after the worker missed it', () => {
    const row = exchangeRow({ ...mainExchange(recordingOf('firefox', 'kerberos-ok')), recoveredByPanel: true });
    const { getAllByRole } = render(<DetailPane row={row} rows={[row]} />);
    expect(getAllByRole('note').map((note) => note.textContent)).toContainEqual(expect.stringContaining('Recovered by this panel'));
  });

  it('shows the prefix heuristic next to the real classification when they disagree', () => {
    const row = exchangeRow(mainExchange(recordingOf('firefox', 'ntlm-only')));
    const { getAllByRole } = render(<DetailPane row={row} rows={[row]} />);
    fireEvent.click(
      getAllByRole('button').find((button) => button.textContent?.startsWith('WWW-Authenticate: NTLM (ntlm-challenge')) as HTMLElement,
    );
    expect(getAllByRole('tree')[0]?.textContent).toContain('NTLM CHALLENGE_MESSAGE (Type 2)');
  });

  it('answers first: the headline, the most likely cause, the other checks folded, each note once', () => {
    const row = exchangeRow(mainExchange(recordingOf('chromium', 'stale-keytab')));
    const { getByRole, container } = render(<DetailPane row={row} rows={[row]} />);
    const answer = getByRole('region', { name: 'Answer' });
    expect(answer.dataset).toMatchObject({ verdict: 'failed', cause: 'auth-failed', mechanism: 'none' });
    expect(answer.querySelector('.outcome')?.textContent).toBe('Failed');
    expect(answer.querySelector('.outcome')?.getAttribute('title')).toContain('auth-failed');
    expect(answer.querySelector('.next')?.textContent).toMatch(/^Record a NetLog \(3 steps/);
    expect(container.textContent).not.toMatch(/\bauth-failed\b/);
    expect(container.querySelector('.finding-heading')?.textContent).toBe('Most likely cause');
    const netlogNotes = container.textContent?.match(/chrome:\/\/net-export or edge:\/\/net-export, the default/g) ?? [];
    expect(netlogNotes).toHaveLength(1);
  });

  it('puts a copy button on every command and unfolds only this system’s settings', () => {
    const row = exchangeRow(mainExchange(recordingOf('firefox', 'ntlm-fallback')));
    const { container } = render(<DetailPane row={row} rows={[row]} />);
    const commands = [...container.querySelectorAll('.command-line')];
    expect(commands.length).toBeGreaterThan(3);
    expect(commands.every((line) => line.querySelector('button.copy-command'))).toBe(true);
    expect(container.querySelector('details.other-settings summary')?.textContent).toMatch(/^Other systems and browsers \(/);
  });

  it('says a failure was probably transient when the site signed in later', () => {
    const failure = mainExchange(recordingOf('firefox', 'stale-keytab'));
    const row = exchangeRow(failure);
    const signIn = mainExchange(recordingOf('firefox', 'kerberos-ok'));
    const later = exchangeRow({ ...signIn, id: 'later', url: failure.url, origin: failure.origin, startedAt: failure.startedAt + 1000 });
    const { getByRole } = render(<DetailPane row={row} rows={[row, later]} />);
    expect(getByRole('region', { name: 'Answer' }).querySelector('.next')?.textContent).toMatch(/probably transient — retry/);
  });
});
