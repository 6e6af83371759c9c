// @vitest-environment happy-dom
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exchangeRow } from '../../../src/panel/state/exchange-row';
import { ExchangeList, ROW_HEIGHT } from '../../../src/panel/components/ExchangeList';
import { arrayView } from '../../../src/panel/state/row-search';
import { mainExchange, recordingOf } from '../../../tools/fixtures/recordings';

afterEach(cleanup);

const base = mainExchange(recordingOf('firefox', 'ntlm-fallback'));
const LIST = { sortOrder: null, onSort: () => {}, menu: [], filtered: false } as const;
const rows = Array.from({ length: 10_000 }, (_, index) => exchangeRow({ ...base, id: `x${index}`, url: `${base.url}?n=${index}` }));

describe('ExchangeList', () => {
  it('renders only the rows in view out of 10,000', () => {
    const { getAllByRole, getByRole } = render(
      <ExchangeList rows={arrayView(rows)} selectedId={null} onSelect={() => {}} onMove={() => {}} {...LIST} />,
    );
    expect(getByRole('grid', { name: 'Exchanges' }).getAttribute('aria-rowcount')).toBe('10001');
    const rendered = getAllByRole('row').length - 1;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(60);
  });

  it('shows the columns: chain, outcome, offered, mechanism, credential size, host emphasised, worst-finding marker', () => {
    const list = (judgedRows: typeof rows) => (
      <ExchangeList rows={arrayView(judgedRows)} selectedId={null} onSelect={() => {}} onMove={() => {}} {...LIST} />
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
      'Worked',
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
      <ExchangeList rows={arrayView(rows.slice(0, 3))} selectedId="x1" onSelect={onSelect} onMove={onMove} {...LIST} />,
    );
    fireEvent.click(getAllByRole('row')[1] as HTMLElement);
    expect(onSelect).toHaveBeenCalledWith('x0');
    const viewport = container.querySelector('.viewport') as HTMLElement;
    for (const key of ['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp']) fireEvent.keyDown(viewport, { key });
    const [down, up, home, end, pageDown, pageUp] = onMove.mock.calls.map(([delta]) => delta as number);
    expect([down, up, home, end]).toEqual([1, -1, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]);
    expect(pageDown).toBeGreaterThan(1);
    expect(pageUp).toBe(-(pageDown as number));
    fireEvent.keyDown(viewport, { key: 'Enter' });
    expect(onSelect).toHaveBeenLastCalledWith('x1');
    expect(getAllByRole('row')[2]?.getAttribute('aria-selected')).toBe('true');
  });

  it('places rows at fixed offsets so scrolling shows later ones', () => {
    const { container } = render(<ExchangeList rows={arrayView(rows)} selectedId={null} onSelect={() => {}} onMove={() => {}} {...LIST} />);
    const viewport = container.querySelector('.viewport') as HTMLElement;
    viewport.scrollTop = 5000 * ROW_HEIGHT;
    fireEvent.scroll(viewport);
    const ids = [...container.querySelectorAll('[data-exchange]')].map((row) => row.getAttribute('data-exchange'));
    expect(ids).toContain('x5000');
    expect(ids).not.toContain('x0');
  });
});

describe('ExchangeList, like the Network panel', () => {
  it('explains every column on hover and sorts on a header click, saying the order', () => {
    const onSort = vi.fn();
    const { getAllByRole, rerender } = render(
      <ExchangeList rows={arrayView(rows.slice(0, 3))} selectedId={null} onSelect={() => {}} onMove={() => {}} {...LIST} onSort={onSort} />,
    );
    const headers = getAllByRole('columnheader');
    expect(headers.map((header) => header.textContent)).toEqual([
      'Time',
      'Method',
      'URL',
      'Status',
      'Outcome',
      'Offered',
      'Mechanism',
      'Credential',
    ]);
    expect(headers.every((header) => (header.getAttribute('title') ?? '').length > 10)).toBe(true);
    fireEvent.click(headers[3]?.querySelector('button') as HTMLElement);
    expect(onSort).toHaveBeenCalledWith('status');
    rerender(
      <ExchangeList
        rows={arrayView(rows.slice(0, 3))}
        selectedId={null}
        onSelect={() => {}}
        onMove={() => {}}
        {...LIST}
        sortOrder={{ column: 'status', descending: true }}
      />,
    );
    expect(getAllByRole('columnheader')[3]?.getAttribute('aria-sort')).toBe('descending');
  });

  it('resizes a column with the keyboard on its edge and keeps the width', () => {
    const { getByRole, container } = render(
      <ExchangeList rows={arrayView(rows.slice(0, 3))} selectedId={null} onSelect={() => {}} onMove={() => {}} {...LIST} />,
    );
    const edge = getByRole('separator', { name: 'Resize the Mechanism column' });
    const before = Number(edge.getAttribute('aria-valuenow'));
    fireEvent.keyDown(edge, { key: 'ArrowRight' });
    expect(Number(edge.getAttribute('aria-valuenow'))).toBe(before + 10);
    expect((container.querySelector('.list') as HTMLElement).style.getPropertyValue('--w-mechanism')).toBe(`${before + 10}px`);
    expect(JSON.parse(localStorage.getItem('authscope.columnWidths') ?? '{}')).toMatchObject({ mechanism: before + 10 });
  });

  it('opens a row menu on right click and from the keyboard, runs an action, closes on Escape', () => {
    const run = vi.fn();
    const { getAllByRole, getByRole, queryByRole, container } = render(
      <ExchangeList
        rows={arrayView(rows.slice(0, 3))}
        selectedId="x1"
        onSelect={() => {}}
        onMove={() => {}}
        {...LIST}
        menu={[{ label: 'Copy URL', run }]}
      />,
    );
    fireEvent.contextMenu(getAllByRole('row')[2] as HTMLElement, { clientX: 10, clientY: 10 });
    fireEvent.click(getByRole('menuitem', { name: 'Copy URL' }));
    expect(run).toHaveBeenCalledWith('x1');
    expect(queryByRole('menu')).toBeNull();
    fireEvent.keyDown(container.querySelector('.viewport') as HTMLElement, { key: 'F10', shiftKey: true });
    expect(getByRole('menu')).toBeTruthy();
    fireEvent.keyDown(getByRole('menu'), { key: 'Escape' });
    expect(queryByRole('menu')).toBeNull();
  });

  it('says "no match" instead of an empty grid, and "hidden" where Chromium hid the credential', () => {
    const { getByRole, rerender, getAllByRole } = render(
      <ExchangeList rows={arrayView([])} selectedId={null} onSelect={() => {}} onMove={() => {}} {...LIST} filtered />,
    );
    expect(getByRole('gridcell').textContent).toBe('No exchanges match the filter.');
    const chromium = exchangeRow(mainExchange(recordingOf('chromium', 'kerberos-ok')));
    void chromium.verdicts;
    rerender(<ExchangeList rows={arrayView([chromium])} selectedId={null} onSelect={() => {}} onMove={() => {}} {...LIST} />);
    const credential = getAllByRole('gridcell').at(-1);
    expect(credential?.textContent).toBe('hidden');
    expect(credential?.getAttribute('title')).toContain('NetLog');
  });
});
