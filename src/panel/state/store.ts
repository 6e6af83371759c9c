// The panel's state as signals: the tab's exchanges, the list's filter and selection, Clear and Preserve log.
// Created by a factory and handed to components through context; components only read it and call its actions.
import { batch, computed, effect, signal } from '@preact/signals';
import { isProblem } from '../../core/diagnosis/judge';
import type { Exchange } from '../../core/exchange/model';
import { type ExchangeRow, type OriginSummary, OriginTally, exchangeRow } from './exchange-row';
import { type FilterRun, RowSearch, type RowsView, arrayView } from './row-search';
import { type SortOrder, sortRows } from './columns';

export type MechanismFilter = 'all' | 'kerberos' | 'ntlm';

/** Longest stretch of background indexing before yielding to input and rendering (one frame is 16 ms). */
const INDEX_SLICE_MS = 8;

/** Runs `task` when the page is idle (after the pending frame has painted); returns a cancel function. */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: 200 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(task, 0);
  return () => clearTimeout(handle);
}

export function createPanelStore() {
  const exchanges = signal<readonly Exchange[]>([]);
  /** Exchanges that started before this are hidden (Clear, or a navigation without Preserve log). */
  const clearedAt = signal(0);
  const preserveLog = signal(false);
  const filterText = signal('');
  const problemsOnly = signal(false);
  const mechanism = signal<MechanismFilter>('all');
  const selectedId = signal<string | null>(null);
  const sortOrder = signal<SortOrder | null>(null);

  const rows = computed<readonly ExchangeRow[]>(() => {
    const cutoff = clearedAt.value;
    const list: ExchangeRow[] = [];
    for (const exchange of exchanges.value) if (exchange.startedAt >= cutoff) list.push(exchangeRow(exchange));
    return list;
  });
  let search = new RowSearch([]);
  const searchOf = (list: readonly ExchangeRow[]) => (search.rows === list ? search : (search = new RowSearch(list)));
  // Typing narrows the filter: when the new text extends the last one, the new run looks only at what the last
  // run found and what it had not scanned yet.
  let lastFilter: { run: FilterRun; text: string; onlyProblems: boolean; wanted: string | null } | null = null;
  /** The filter as a run that scans on demand; null without a filter. */
  const filterRun = computed<FilterRun | null>(() => {
    const text = filterText.value.toLowerCase();
    const words = text.split(/\s+/).filter(Boolean);
    const onlyProblems = problemsOnly.value;
    const wanted = mechanism.value === 'kerberos' ? 'Kerberos' : mechanism.value === 'ntlm' ? 'NTLM' : null;
    const search = searchOf(rows.value);
    if (words.length === 0 && !onlyProblems && !wanted) {
      lastFilter = null;
      return null;
    }
    const keep =
      onlyProblems || wanted
        ? (row: ExchangeRow) => (!onlyProblems || isProblem(row.worst)) && (!wanted || row.mechanism === wanted)
        : null;
    const narrowing =
      lastFilter !== null &&
      lastFilter.run.search === search &&
      lastFilter.onlyProblems === onlyProblems &&
      lastFilter.wanted === wanted &&
      text.startsWith(lastFilter.text);
    const run = narrowing && lastFilter ? lastFilter.run.narrowed(words, keep) : search.run(words, keep);
    lastFilter = { run, text, onlyProblems, wanted };
    return run;
  });
  /** Counts up when an idle scan finishes a run, so the list learns the final number of matches. */
  const filterCounted = signal(0);
  let cancelCounting = () => {};
  effect(() => {
    const run = filterRun.value;
    cancelCounting();
    if (!run) return;
    const slice = () => {
      run.scan(Infinity, performance.now() + INDEX_SLICE_MS);
      if (run.complete) filterCounted.value++;
      else cancelCounting = whenIdle(slice);
    };
    cancelCounting = whenIdle(slice);
  });
  /** Every row the filter lets through (finishes the filter's scan). */
  const visibleRows = computed<readonly ExchangeRow[]>(() => filterRun.value?.all() ?? rows.value);
  /** The visible rows in a column's order, when the user sorted (sorting needs every match, so it finishes the scan). */
  const sortedRows = computed<readonly ExchangeRow[] | null>(() => (sortOrder.value ? sortRows(visibleRows.value, sortOrder.value) : null));
  /** What the list shows: the filter's rows as far as scanned, the rest counted after the frame. */
  const listRows = computed<RowsView>(() => {
    const sorted = sortedRows.value;
    if (sorted) return arrayView(sorted);
    void filterCounted.value;
    return filterRun.value?.view() ?? arrayView(rows.value);
  });
  /** How many rows (from the first) are judged; judging runs in idle slices after the list has painted. */
  const indexed = signal(0);
  /** Per-origin counts over the judged rows, tallied as they are judged. */
  const origins = signal<readonly OriginSummary[]>([]);
  let cancelIndexing = () => {};
  effect(() => {
    const list = rows.value;
    cancelIndexing();
    const tally = new OriginTally();
    let next = 0;
    for (; next < list.length && list[next]?.judged; next++) tally.add(list[next] as ExchangeRow);
    searchOf(list).fillTo(next);
    const publish = () =>
      batch(() => {
        indexed.value = next;
        origins.value = tally.summaries();
      });
    publish();
    const slice = () => {
      const deadline = performance.now() + INDEX_SLICE_MS;
      while (next < list.length && performance.now() < deadline) {
        searchOf(list).fillTo(next + 1);
        tally.add(list[next++] as ExchangeRow);
      }
      publish();
      if (next < list.length) cancelIndexing = whenIdle(slice);
    };
    if (next < list.length) cancelIndexing = whenIdle(slice);
  });
  const selected = computed(() => {
    const id = selectedId.value;
    // Without a selection there is nothing to look for (a snapshot of 10,000 rows must not be walked for it).
    if (id === null) return null;
    const row = rows.value.find((candidate) => candidate.id === id) ?? null;
    // A row the filter hides has no detail pane: the pane never shows what the list does not.
    const view = listRows.value;
    if (row && filterRun.value && !view.counting && view.indexOf(id) < 0) return null;
    return row;
  });

  return {
    exchanges,
    clearedAt,
    preserveLog,
    filterText,
    problemsOnly,
    mechanism,
    selectedId,
    sortOrder,
    rows,
    visibleRows,
    listRows,
    indexed,
    origins,
    selected,
    /** Hides everything captured so far, like the Network panel's Clear (the background keeps its copy). */
    clear(now = Date.now()) {
      batch(() => {
        clearedAt.value = now;
        selectedId.value = null;
      });
    },
    /** The inspected page navigated: start a fresh list unless Preserve log is on. */
    navigated(now = Date.now()) {
      if (!preserveLog.value) this.clear(now);
    },
    select(id: string | null) {
      selectedId.value = id;
    },
    /** Moves the selection by `delta` rows among the visible rows, in the order shown (±Infinity: to the last or
     *  the first row). Without a selection, down starts at the first row and up at the last. */
    moveSelection(delta: number) {
      const list = sortedRows.value ?? visibleRows.value;
      if (list.length === 0) return;
      const index = list.findIndex((row) => row.id === selectedId.value);
      const from = index >= 0 ? index : delta > 0 ? -1 : list.length;
      const next = Math.min(list.length - 1, Math.max(0, from + delta));
      selectedId.value = list[next]?.id ?? null;
    },
  };
}

export type PanelStore = ReturnType<typeof createPanelStore>;
