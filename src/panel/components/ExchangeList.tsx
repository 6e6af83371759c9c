// The exchange list, newest last, like the Network panel: fixed-height rows rendered only where visible (10,000
// exchanges stay smooth), arrow keys move the selection, Enter opens it.
import { Component } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ExchangeRow } from '../state/exchange-row';
import type { RowsView } from '../state/row-search';

export const ROW_HEIGHT = 22;
const OVERSCAN = 5;

// One formatter for every row (toLocaleTimeString builds a new Intl formatter per call), and one formatting per
// second shown: a burst of exchanges shares its seconds, and format() costs ~35 µs a call in the panel (measured).
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const clocks = new Map<number, string>();
const CLOCKS_KEPT = 4096;
function clock(ms: number): string {
  const second = Math.floor(ms / 1000);
  let text = clocks.get(second);
  if (text === undefined) {
    if (clocks.size >= CLOCKS_KEPT) clocks.clear();
    text = timeFormat.format(second * 1000);
    clocks.set(second, text);
  }
  return text;
}

export function ExchangeList({
  rows,
  selectedId,
  onSelect,
  onMove,
}: {
  rows: RowsView;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onMove: (delta: number) => void;
}) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  // Until measured, assume the list is as tall as the window: the first render already fills the view, and the
  // measurement (before the first paint) only trims it.
  const [height, setHeight] = useState(() => (typeof window === 'undefined' ? 400 : window.innerHeight));
  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return undefined;
    setHeight(element.clientHeight || 400);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight || 400));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  // Looked up only with a selection, among the matches found so far: a keystroke scans only the rows in view, and
  // the selection is scrolled to once the filter has counted every match.
  const selectedIndex = selectedId === null ? -1 : rows.indexOf(selectedId);
  useEffect(() => {
    const element = viewport.current;
    if (!element || selectedIndex < 0) return;
    const top = selectedIndex * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight) element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
  }, [selectedIndex]);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      onMove(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter' && selectedId) {
      event.preventDefault();
      onSelect(selectedId);
    }
  };
  // One listener for every row: the clicked row names its exchange.
  const onClick = (event: MouseEvent) => {
    const id = (event.target as Element).closest('[data-exchange]')?.getAttribute('data-exchange');
    if (id) onSelect(id);
  };
  return (
    <div class="list" role="grid" aria-label="Exchanges" aria-rowcount={rows.counting ? -1 : rows.length + 1} aria-busy={rows.counting}>
      <div class="row header" role="row">
        <span role="columnheader">time</span>
        <span role="columnheader">method</span>
        <span role="columnheader">URL</span>
        <span role="columnheader">legs</span>
        <span role="columnheader">offered</span>
        <span role="columnheader">mechanism</span>
        <span role="columnheader">credential</span>
      </div>
      <div
        class="viewport"
        ref={viewport}
        tabIndex={0}
        onScroll={(event) => setScrollTop((event.currentTarget as HTMLDivElement).scrollTop)}
        onKeyDown={onKeyDown}
        onClick={onClick}
      >
        <div style={{ height: `${rows.length * ROW_HEIGHT}px`, position: 'relative' }}>
          {/* Rows flow inside one block placed at the first row's offset: a row that stays in view across a
              keystroke keeps its element, its style and its laid-out text (measured: re-laying the text of 40 rows
              costs ~8 ms here). */}
          <div class="rows" style={{ top: `${first * ROW_HEIGHT}px` }}>
            {rows.slice(first, last).map((row, offset) => (
              <div
                key={row.id}
                role="row"
                aria-rowindex={first + offset + 2}
                aria-selected={row.id === selectedId}
                class={`row${row.id === selectedId ? ' selected' : ''}`}
                data-exchange={row.id}
              >
                <RowCells row={row} judged={row.judged} />
              </div>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}

interface RowCellsProps {
  readonly row: ExchangeRow;
  /** Rows are judged in idle slices after the list has painted; until then the marker says so. */
  readonly judged: boolean;
}

/** A row's cells depend on the row alone: re-rendered when the exchange changed or its verdicts came in, not when
 * the row moved. */
class RowCells extends Component<RowCellsProps> {
  override shouldComponentUpdate(next: RowCellsProps): boolean {
    return next.row !== this.props.row || next.judged !== this.props.judged;
  }

  override render() {
    const { row, judged } = this.props;
    const worst = judged ? (row.worst ?? 'none') : 'pending';
    const said = judged ? (row.worst ?? 'no findings') : 'not judged yet';
    const time = clock(row.startedAt);
    return (
      <>
        <span
          role="gridcell"
          class={`marked ${worst}`}
          title={judged ? (row.worstTitle ?? 'no findings') : 'not judged yet'}
          aria-label={`${said}, ${time}`}
        >
          {time}
        </span>
        <span role="gridcell">{row.method}</span>
        <span role="gridcell" class="url" title={row.url}>
          <strong>{row.host}</strong>
          {row.path}
        </span>
        <span role="gridcell" class="chain">
          {row.chain}
        </span>
        <span role="gridcell">{row.offered}</span>
        <span role="gridcell" class={`mechanism ${row.mechanism.toLowerCase()}`}>
          {row.mechanism}
        </span>
        <span role="gridcell">{row.credentialBytes === null ? '' : `${row.credentialBytes} B`}</span>
      </>
    );
  }
}
