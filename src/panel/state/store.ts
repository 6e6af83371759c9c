// The panel's state as signals: the tab's exchanges, the list's filter and selection, Clear and Preserve log.
// Created by a factory and handed to components through context; components only read it and call its actions.
import { batch, computed, effect, signal } from '@preact/signals';
import type { Exchange } from '../../core/exchange/model';
import { type ExchangeRow, exchangeRow, originSummaries } from '../../core/report/exchange-row';

export type MechanismFilter = 'all' | 'kerberos' | 'ntlm';

/** Longest stretch of background indexing before yielding to input and rendering (one frame is 16 ms). */
const INDEX_SLICE_MS = 8;

export function createPanelStore() {
  const exchanges = signal<readonly Exchange[]>([]);
  /** Exchanges that started before this are hidden (Clear, or a navigation without Preserve log). */
  const clearedAt = signal(0);
  const preserveLog = signal(false);
  const filterText = signal('');
  const problemsOnly = signal(false);
  const mechanism = signal<MechanismFilter>('all');
  const selectedId = signal<string | null>(null);

  const rows = computed<readonly ExchangeRow[]>(() => {
    const cutoff = clearedAt.value;
    const list: ExchangeRow[] = [];
    for (const exchange of exchanges.value) if (exchange.startedAt >= cutoff) list.push(exchangeRow(exchange));
    return list;
  });
  // Typing narrows the filter: when the new text extends the last one, only the last result is searched again.
  let lastFilter: {
    rows: readonly ExchangeRow[];
    text: string;
    onlyProblems: boolean;
    wanted: string | null;
    result: readonly ExchangeRow[];
  } | null = null;
  const visibleRows = computed<readonly ExchangeRow[]>(() => {
    const text = filterText.value.toLowerCase();
    const words = text.split(/\s+/).filter(Boolean);
    const onlyProblems = problemsOnly.value;
    const wanted = mechanism.value === 'kerberos' ? 'Kerberos' : mechanism.value === 'ntlm' ? 'NTLM' : null;
    const all = rows.value;
    if (words.length === 0 && !onlyProblems && !wanted) {
      lastFilter = null;
      return all;
    }
    const narrowing =
      lastFilter !== null &&
      lastFilter.rows === all &&
      lastFilter.onlyProblems === onlyProblems &&
      lastFilter.wanted === wanted &&
      text.startsWith(lastFilter.text);
    const base = narrowing && lastFilter ? lastFilter.result : all;
    const result = base.filter(
      (row) =>
        (!onlyProblems || row.worst === 'error' || row.worst === 'warning') &&
        (!wanted || row.mechanism === wanted) &&
        words.every((word) => row.search.includes(word)),
    );
    lastFilter = { rows: all, text, onlyProblems, wanted, result };
    return result;
  });
  /** How many rows (from the first) have their findings computed; indexing runs in slices between frames. */
  const indexed = signal(0);
  let indexing: ReturnType<typeof setTimeout> | undefined;
  effect(() => {
    const list = rows.value;
    clearTimeout(indexing);
    let next = 0;
    while (next < list.length && list[next]?.judged) next++;
    indexed.value = next;
    const slice = () => {
      const deadline = performance.now() + INDEX_SLICE_MS;
      while (next < list.length && performance.now() < deadline) void list[next++]?.search;
      indexed.value = next;
      if (next < list.length) indexing = setTimeout(slice, 0);
    };
    if (next < list.length) indexing = setTimeout(slice, 0);
  });
  /** Per-origin counts over the rows indexed so far. */
  const origins = computed(() => originSummaries(rows.value.slice(0, indexed.value)));
  const selected = computed(() => rows.value.find((row) => row.id === selectedId.value) ?? null);

  return {
    exchanges,
    clearedAt,
    preserveLog,
    filterText,
    problemsOnly,
    mechanism,
    selectedId,
    rows,
    visibleRows,
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
    /** Moves the selection up (-1) or down (+1) among the visible rows. */
    moveSelection(delta: number) {
      const list = visibleRows.value;
      if (list.length === 0) return;
      const index = list.findIndex((row) => row.id === selectedId.value);
      const next = index < 0 ? (delta > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, index + delta));
      selectedId.value = list[next]?.id ?? null;
    },
  };
}

export type PanelStore = ReturnType<typeof createPanelStore>;
