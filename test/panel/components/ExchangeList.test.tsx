// @vitest-environment happy-dom
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exchangeRow } from '../../../src/panel/state/exchange-row';
import { ExchangeList, ROW_HEIGHT } from '../../../src/panel/components/ExchangeList';
import { arrayView } from '../../../src/panel/state/row-search';
import { mainExchange, recordingOf } from '../../../tools/fixtures/recordings';

afterEach(cleanup);

const base = mainExchange(recordingOf('firefox', 'ntlm-fallback'));
const rows = Array.from({ length: 10_000 }, (_, index) => exchangeRow({ ...base, id: `x${index}`, url: `${base.url}?n=${index}` }));

describe('ExchangeList', () => {
  it('renders only the rows in view out of 10,000', () => {
    const { getAllByRole, getByRole } = render(
      <ExchangeList rows={arrayView(rows)} selectedId={null} onSelect={() => {}} onMove={() => {}} />,
    );
    expect(getByRole('grid', { name: 'Exchanges' }).getAttribute('aria-rowcount')).toBe('10001');
    const rendered = getAllByRole('row').length - 1;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(60);
  });

  it('shows the columns: chain, offered, mechanism, credential size, host emphasised, worst-finding marker', () => {
    const list = (judgedRows: typeof rows) => (
      <ExchangeList rows={arrayView(judgedRows)} selectedId={null} onSelect={() => {}} onMove={() => {}} />
    );
    const unjudged = [exchangeRow({ ...base, id: 'unjudged' })];
    const { getAllByRole, rerender } = render(list(unjudged));
    expect(getAllByRole('gridcell')[0]?.classList.contains('pending')).toBe(true);
    expect(getAllByRole('gridcell')[0]?.getAttribute('aria-label')).toMatch(/^not judged yet, /);
    expect(unjudged[0]?.judged).toBe(false);
    void unjudged[0]?.verdicts;
    rerender(list([...unjudged]));
    expect(getAllByRole('gridcell')[0]?.classList.contains('warning')).toBe(true);
    void rows[0]?.verdicts;
    rerender(list(rows.slice(0, 1)));
    const cells = getAllByRole('gridcell').map((cell) => cell.textContent?.trim());
    expect(cells.slice(1)).toEqual([
      'GET',
      expect.stringContaining('/iis/?n=0'),
      '401 → 401 → 200',
      'Negotiate, NTLM',
      'NTLM',
      `${rows[0]?.credentialBytes} B`,
    ]);
    expect(getAllByRole('gridcell')[2]?.querySelector('strong')?.textContent).toMatch(/^legacy\.lab\.test:\d+$/);
    const time = getAllByRole('gridcell')[0];
    expect(time?.classList.contains('warning')).toBe(true);
    expect(time?.getAttribute('aria-label')).toMatch(/^warning, \d\d:\d\d:\d\d$/);
    expect(time?.getAttribute('title')).toBe(rows[0]?.worstTitle);
  });

  it('selects on click and moves with the arrow keys; Enter opens the selection', () => {
    const onSelect = vi.fn();
    const onMove = vi.fn();
    const { getAllByRole, container } = render(
      <ExchangeList rows={arrayView(rows.slice(0, 3))} selectedId="x1" onSelect={onSelect} onMove={onMove} />,
    );
    fireEvent.click(getAllByRole('row')[1] as HTMLElement);
    expect(onSelect).toHaveBeenCalledWith('x0');
    const viewport = container.querySelector('.viewport') as HTMLElement;
    fireEvent.keyDown(viewport, { key: 'ArrowDown' });
    fireEvent.keyDown(viewport, { key: 'ArrowUp' });
    expect(onMove.mock.calls).toEqual([[1], [-1]]);
    fireEvent.keyDown(viewport, { key: 'Enter' });
    expect(onSelect).toHaveBeenLastCalledWith('x1');
    expect(getAllByRole('row')[2]?.getAttribute('aria-selected')).toBe('true');
  });

  it('places rows at fixed offsets so scrolling shows later ones', () => {
    const { container } = render(<ExchangeList rows={arrayView(rows)} selectedId={null} onSelect={() => {}} onMove={() => {}} />);
    const viewport = container.querySelector('.viewport') as HTMLElement;
    viewport.scrollTop = 5000 * ROW_HEIGHT;
    fireEvent.scroll(viewport);
    const ids = [...container.querySelectorAll('[data-exchange]')].map((row) => row.getAttribute('data-exchange'));
    expect(ids).toContain('x5000');
    expect(ids).not.toContain('x0');
  });
});
