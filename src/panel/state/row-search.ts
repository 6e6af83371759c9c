// The filter box's search over one list of rows: each row's lower-cased text kept by position in a plain array
// and scanned one word at a time. The first keystroke scans every row before the JIT has compiled the loop, so the
// loops are kept to an array read and one `includes` per row (measured in Chromium: reading a getter on 10,000
// objects and testing every word per row took twice as long).
import type { ExchangeRow } from '../../core/report/exchange-row';

export interface SearchResult {
  /** Positions of the matching rows in the searched list, for narrowing on the next keystroke. */
  readonly positions: readonly number[];
  readonly rows: readonly ExchangeRow[];
}

export class RowSearch {
  private readonly texts: string[] = [];

  constructor(readonly rows: readonly ExchangeRow[]) {}

  /** Computes the search text of the rows before `count` (judging the rows it has not judged yet). */
  fillTo(count: number): void {
    const end = Math.min(count, this.rows.length);
    for (let index = this.texts.length; index < end; index++) this.texts.push((this.rows[index] as ExchangeRow).search);
  }

  /** The rows whose text contains every word, among `positions` (every row when null), in list order. */
  containing(words: readonly string[], positions: readonly number[] | null): SearchResult {
    this.fillTo(this.rows.length);
    const texts = this.texts;
    let current = positions ?? Array.from(texts.keys());
    for (const word of words) {
      const next: number[] = [];
      for (let at = 0; at < current.length; at++) {
        const index = current[at] as number;
        if ((texts[index] as string).includes(word)) next.push(index);
      }
      current = next;
    }
    const rows: ExchangeRow[] = new Array(current.length);
    for (let at = 0; at < current.length; at++) rows[at] = this.rows[current[at] as number] as ExchangeRow;
    return { positions: current, rows };
  }
}
