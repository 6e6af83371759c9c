// The filter box's search over one list of rows. Each row's lower-cased text is kept by position in a plain array,
// and a filter is a run that scans positions on demand: a keystroke scans only until the rows in view are found,
// and the rest of the list is counted in idle time after the frame has painted (measured in Chromium: scanning
// all 10,000 rows on the first keystroke, before the JIT has compiled the loop, took 7-11 ms of a 16 ms frame).
import type { ExchangeRow } from './exchange-row';

/** What the exchange list reads: a window of rows, and how many there are. */
export interface RowsView {
  /** How many rows match; while `counting`, an upper bound (the rows not scanned yet are counted as matches). */
  readonly length: number;
  /** True while the filter has not scanned every row yet. */
  readonly counting: boolean;
  slice(first: number, last: number): readonly ExchangeRow[];
  /** The position of a row among the matches found so far, or -1 (while counting, it may be found later). */
  indexOf(id: string): number;
}

export function arrayView(rows: readonly ExchangeRow[]): RowsView {
  return {
    length: rows.length,
    counting: false,
    slice: (first, last) => rows.slice(first, last),
    indexOf: (id) => rows.findIndex((row) => row.id === id),
  };
}

export class RowSearch {
  /** Search texts by position; a row is looked up (and judged) when first scanned or when the panel judges it. */
  private readonly texts: string[] = [];
  private filled = 0;
  /** 0, 1, 2…: the positions a run over every row looks at. */
  private readonly positions: number[] = [];

  constructor(readonly rows: readonly ExchangeRow[]) {}

  /** Keeps the search text and the position of the rows before `count` (judging the rows not judged yet), so that
   * the panel's idle judging leaves the first keystroke nothing to prepare. */
  fillTo(count: number): void {
    const end = Math.min(count, this.rows.length);
    for (; this.filled < end; this.filled++) {
      this.texts[this.filled] ??= (this.rows[this.filled] as ExchangeRow).search;
      if (this.positions.length === this.filled) this.positions.push(this.filled);
    }
  }

  /** Every word must appear in a row's text; `keep` (the toggles) must accept the row. */
  run(words: readonly string[], keep: ((row: ExchangeRow) => boolean) | null): FilterRun {
    for (let position = this.positions.length; position < this.rows.length; position++) this.positions.push(position);
    return new FilterRun(this, words, keep, this.positions);
  }

  /** Does the row at `position` contain every word? */
  matches(position: number, words: readonly string[]): boolean {
    const text = (this.texts[position] ??= (this.rows[position] as ExchangeRow).search);
    for (let at = 0; at < words.length; at++) if (!text.includes(words[at] as string)) return false;
    return true;
  }
}

/** Looks at the clock once per this many rows while scanning against a deadline. */
const ROWS_PER_CLOCK_CHECK = 256;

export class FilterRun {
  private cursor = 0;
  /** Positions of the rows found so far, in list order. */
  private readonly found: number[] = [];
  private readonly foundRows: ExchangeRow[] = [];

  constructor(
    readonly search: RowSearch,
    private readonly words: readonly string[],
    private readonly keep: ((row: ExchangeRow) => boolean) | null,
    /** The positions this run looks at, in list order. */
    private readonly base: readonly number[],
  ) {}

  get complete(): boolean {
    return this.cursor >= this.base.length;
  }

  /** Scans until `wanted` rows are found, every position is scanned, or the clock passes `deadline`. */
  scan(wanted = Infinity, deadline = Infinity): void {
    const { search, words, keep, base, found, foundRows } = this;
    const rows = search.rows;
    while (this.cursor < base.length && found.length < wanted) {
      const position = base[this.cursor++] as number;
      if (search.matches(position, words) && (keep === null || keep(rows[position] as ExchangeRow))) {
        found.push(position);
        foundRows.push(rows[position] as ExchangeRow);
      }
      if (this.cursor % ROWS_PER_CLOCK_CHECK === 0 && performance.now() > deadline) return;
    }
  }

  /** Every matching row (finishes the scan). */
  all(): readonly ExchangeRow[] {
    this.scan();
    return this.foundRows;
  }

  /** A run for a filter that can only match fewer rows (the user typed more): it looks only at what this run
   * found and what it has not scanned yet. */
  narrowed(words: readonly string[], keep: ((row: ExchangeRow) => boolean) | null): FilterRun {
    return new FilterRun(this.search, words, keep, this.found.concat(this.base.slice(this.cursor)));
  }

  /** The list's view of this run as it stands (a new object, so the list re-renders when counting ends). */
  view(): RowsView {
    return {
      length: this.found.length + this.base.length - this.cursor,
      counting: !this.complete,
      slice: (first, last) => {
        this.scan(last);
        return this.foundRows.slice(first, last);
      },
      indexOf: (id) => this.foundRows.findIndex((row) => row.id === id),
    };
  }
}
