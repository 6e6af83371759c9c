// @vitest-environment happy-dom
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exchangeRow } from '../../../src/panel/state/exchange-row';
import { DetailPane } from '../../../src/panel/components/DetailPane';
import { mainExchange, recordingOf } from '../../../tools/fixtures/recordings';

afterEach(cleanup);

describe('DetailPane', () => {
  it('shows the findings, every leg, and the last credential decoded; a field selects its bytes', () => {
    const row = exchangeRow(mainExchange(recordingOf('firefox', 'stale-keytab')));
    const { getByRole, container } = render(<DetailPane row={row} onCopy={() => {}} />);
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
    const { getByRole } = render(<DetailPane row={row} onCopy={() => {}} />);
    expect(getByRole('note').textContent).toContain('chrome://net-export');
    expect(getByRole('list', { name: 'Legs' }).textContent).toContain('request hidden by the browser');
    expect(getByRole('tree', { name: 'Decoded token' }).textContent).toContain('accept-completed');
  });

  it('says when an exchange was recovered by the panel after the worker missed it', () => {
    const row = exchangeRow({ ...mainExchange(recordingOf('firefox', 'kerberos-ok')), recoveredByPanel: true });
    const { getAllByRole } = render(<DetailPane row={row} onCopy={() => {}} />);
    expect(getAllByRole('note').map((note) => note.textContent)).toContainEqual(expect.stringContaining('Recovered by this panel'));
  });

  it('shows the prefix heuristic next to the real classification when they disagree', () => {
    const row = exchangeRow(mainExchange(recordingOf('firefox', 'ntlm-only')));
    const { getAllByRole } = render(<DetailPane row={row} onCopy={() => {}} />);
    fireEvent.click(
      getAllByRole('button').find((button) => button.textContent?.startsWith('WWW-Authenticate: NTLM (ntlm-challenge')) as HTMLElement,
    );
    expect(getAllByRole('tree')[0]?.textContent).toContain('NTLM CHALLENGE_MESSAGE (Type 2)');
  });

  it('copies just this exchange', () => {
    const onCopy = vi.fn();
    const row = exchangeRow(mainExchange(recordingOf('firefox', 'kerberos-ok')));
    const { getByText } = render(<DetailPane row={row} onCopy={onCopy} />);
    fireEvent.click(getByText('Copy this exchange'));
    expect(onCopy).toHaveBeenCalledWith(row);
  });
});
