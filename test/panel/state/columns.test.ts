import { describe, expect, it } from 'vitest';
import { COLUMNS, nextSortOrder, sortRows } from '../../../src/panel/state/columns';
import { exchangeRow } from '../../../src/panel/state/exchange-row';
import { mainExchange, recordings } from '../../../tools/fixtures/recordings';

const rows = recordings.map((recording) => exchangeRow(mainExchange(recording)));

describe('columns', () => {
  it('explain themselves: every column has a tooltip', () => {
    expect(COLUMNS.map((column) => column.id)).toEqual([
      'time',
      'method',
      'url',
      'status',
      'outcome',
      'offered',
      'mechanism',
      'credential',
    ]);
    for (const column of COLUMNS) expect(column.tooltip.length).toBeGreaterThan(10);
  });

  it('sort stably, failures first by outcome, largest credential last', () => {
    const byOutcome = sortRows(rows, { column: 'outcome', descending: false });
    const verdicts = byOutcome.map((row) => row.verdict);
    expect(verdicts.indexOf('worked')).toBeGreaterThan(verdicts.lastIndexOf('failed'));
    const bySize = sortRows(rows, { column: 'credential', descending: false }).map((row) => row.credentialBytes ?? -1);
    expect(bySize).toEqual([...bySize].sort((a, b) => a - b));
    const sameKey = sortRows(rows, { column: 'method', descending: false });
    expect(sameKey.map((row) => row.id)).toEqual(rows.map((row) => row.id));
  });

  it('cycle ascending, descending, unsorted on header clicks', () => {
    const ascending = nextSortOrder(null, 'url');
    expect(ascending).toEqual({ column: 'url', descending: false });
    const descending = nextSortOrder(ascending, 'url');
    expect(descending).toEqual({ column: 'url', descending: true });
    expect(nextSortOrder(descending, 'url')).toBeNull();
    expect(nextSortOrder(descending, 'time')).toEqual({ column: 'time', descending: false });
  });
});
