// The exchange list, newest last, like the Network panel: fixed-height rows rendered only where visible (10,000
// exchanges stay smooth); columns that explain themselves on hover, sort on click and resize by dragging (or with the
// arrow keys on their edge); arrow keys, Home/End and PageUp/PageDown move the selection; a context menu (right
// click, the menu key or Shift+F10) copies the URL, the diagnosis or the HAR entry.
import { Component } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { COLUMNS, type ColumnId, type ColumnWidths, MIN_COLUMN_WIDTH, type SortOrder } from '../state/columns';
import type { ExchangeRow } from '../state/exchange-row';
import type { RowsView } from '../state/row-search';
import { type MenuAction, RowMenu } from './RowMenu';

export const ROW_HEIGHT = 22;
const OVERSCAN = 5;
const MAX_COLUMN_WIDTH = 800;
const WIDTHS_KEY = 'authscope.columnWidths';

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

function savedWidths(): ColumnWidths {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(WIDTHS_KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter(
        ([id, width]) => COLUMNS.some((column) => column.id === id) && typeof width === 'number' && Number.isFinite(width),
      ),
    ) as ColumnWidths;
  } catch {
    return {};
  }
}

const widthOf = (widths: ColumnWidths, id: ColumnId) => widths[id] ?? COLUMNS.find((column) => column.id === id)?.width ?? 80;
const clampWidth = (width: number) => Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, Math.round(width)));

export function ExchangeList({
  rows,
  selectedId,
  onSelect,
  onMove,
  sortOrder,
  onSort,
  menu,
  filtered,
}: {
  rows: RowsView;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onMove: (delta: number) => void;
  sortOrder: SortOrder | null;
  onSort: (column: ColumnId) => void;
  /** The row context menu's actions. */
  menu: readonly MenuAction[];
  /** A filter is on (an empty list then means "no match"). */
  filtered: boolean;
}) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [widths, setWidths] = useState<ColumnWidths>(savedWidths);
  const [menuAt, setMenuAt] = useState<{ id: string; x: number; y: number } | null>(null);
  // Until measured, assume the list is as tall as the window: the first render already fills the view, and the
  // measurement (after the first layout) only trims it.
  const [height, setHeight] = useState(() => (typeof window === 'undefined' ? 400 : window.innerHeight));
  // The observer reports the height after the browser's own layout: reading it here would force one more.
  useEffect(() => {
    const element = viewport.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(([entry]) => setHeight(entry?.contentRect.height || 400));
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
  const resize = (id: ColumnId, width: number) =>
    setWidths((current) => {
      const next = { ...current, [id]: clampWidth(width) };
      globalThis.localStorage?.setItem(WIDTHS_KEY, JSON.stringify(next));
      return next;
    });
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
  const openMenuAtSelection = () => {
    const element = viewport.current?.querySelector<HTMLElement>('.row.selected');
    if (!selectedId || !element) return;
    const box = element.getBoundingClientRect();
    setMenuAt({ id: selectedId, x: box.left + 24, y: box.bottom });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: page,
      PageUp: -page,
      Home: Number.NEGATIVE_INFINITY,
      End: Number.POSITIVE_INFINITY,
    };
    const delta = moves[event.key];
    if (delta !== undefined) {
      event.preventDefault();
      onMove(delta);
    } else if (event.key === 'Enter' && selectedId) {
      event.preventDefault();
      onSelect(selectedId);
    } else if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      openMenuAtSelection();
    }
  };
  // One listener for every row: the clicked row names its exchange.
  const rowId = (event: MouseEvent) => (event.target as Element).closest('[data-exchange]')?.getAttribute('data-exchange') ?? null;
  const onClick = (event: MouseEvent) => {
    const id = rowId(event);
    if (id) onSelect(id);
  };
  const onContextMenu = (event: MouseEvent) => {
    const id = rowId(event);
    if (!id) return;
    event.preventDefault();
    onSelect(id);
    setMenuAt({ id, x: event.clientX, y: event.clientY });
  };
  const style = Object.fromEntries(
    COLUMNS.filter((column) => column.width !== null).map((column) => [`--w-${column.id}`, `${widthOf(widths, column.id)}px`]),
  );
  const empty = rows.length === 0 && !rows.counting;
  return (
    <>
      <div
        class="list"
        role="grid"
        aria-label="Exchanges"
        aria-rowcount={rows.counting ? -1 : rows.length + 1}
        aria-busy={rows.counting}
        style={style}
      >
        <div class="row header" role="row">
          {COLUMNS.map((column) => (
            <span
              key={column.id}
              role="columnheader"
              title={column.tooltip}
              aria-sort={sortOrder?.column === column.id ? (sortOrder.descending ? 'descending' : 'ascending') : undefined}
            >
              <button class="column-sort" onClick={() => onSort(column.id)}>
                {column.label}
                {sortOrder?.column === column.id && <span aria-hidden="true">{sortOrder.descending ? ' ▾' : ' ▴'}</span>}
              </button>
              {column.width !== null && (
                <ColumnResizer label={column.label} width={widthOf(widths, column.id)} onResize={(width) => resize(column.id, width)} />
              )}
            </span>
          ))}
        </div>
        <div
          class="viewport"
          role="rowgroup"
          ref={viewport}
          tabIndex={0}
          aria-label="Exchanges: arrow keys, Home, End, PageUp and PageDown move; the menu key opens the row menu"
          onScroll={(event) => setScrollTop((event.currentTarget as HTMLDivElement).scrollTop)}
          onKeyDown={onKeyDown}
          onClick={onClick}
          onContextMenu={onContextMenu}
        >
          {empty ? (
            <div role="row" class="no-match">
              <span role="gridcell">{filtered ? 'No exchanges match the filter.' : 'No exchanges.'}</span>
            </div>
          ) : (
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
          )}
        </div>
      </div>
      {menuAt && (
        <RowMenu
          x={menuAt.x}
          y={menuAt.y}
          actions={menu}
          rowId={menuAt.id}
          onClose={() => {
            setMenuAt(null);
            viewport.current?.focus();
          }}
        />
      )}
    </>
  );
}

/** The drag handle on a column's right edge; also a focusable separator the arrow keys move by 10 px. */
function ColumnResizer({ label, width, onResize }: { label: string; width: number; onResize: (width: number) => void }) {
  const onPointerDown = (event: PointerEvent) => {
    event.preventDefault();
    event.stopPropagation();
    const handle = event.currentTarget as HTMLElement;
    const startX = event.clientX;
    handle.setPointerCapture(event.pointerId);
    const move = (moved: PointerEvent) => onResize(width + moved.clientX - startX);
    const stop = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', stop);
      handle.removeEventListener('pointercancel', stop);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', stop);
    handle.addEventListener('pointercancel', stop);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    onResize(width + (event.key === 'ArrowRight' ? 10 : -10));
  };
  return (
    <span
      class="resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize the ${label} column`}
      aria-valuenow={width}
      aria-valuemin={MIN_COLUMN_WIDTH}
      aria-valuemax={MAX_COLUMN_WIDTH}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onClick={(event) => event.stopPropagation()}
    />
  );
}

interface RowCellsProps {
  readonly row: ExchangeRow;
  /** Rows are judged in idle slices after the list has painted; until then the marker says so. */
  readonly judged: boolean;
}

const CREDENTIAL_HIDDEN_TITLE =
  'Chromium does not show extensions the Authorization header it sends; a NetLog (chrome://net-export) shows it.';

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
        <span role="gridcell" class="chain" title={row.chain}>
          {row.chain}
        </span>
        <span role="gridcell" class={`outcome ${row.verdict}`}>
          {row.verdictLabel}
        </span>
        <span role="gridcell" title={row.offered}>
          {row.offered}
        </span>
        <span role="gridcell" class={`mechanism ${row.mechanism.toLowerCase()}`}>
          {row.mechanism}
        </span>
        {row.credentialHidden ? (
          <span role="gridcell" class="credential hidden-by-browser" title={CREDENTIAL_HIDDEN_TITLE}>
            hidden
          </span>
        ) : (
          <span role="gridcell" class="credential">
            {row.credentialBytes === null ? '' : `${row.credentialBytes} B`}
          </span>
        )}
      </>
    );
  }
}
