import { describe, expect, it } from 'vitest';
import { exchangeRow } from '../../../src/core/report/exchange-row';
import { RowSearch } from '../../../src/panel/state/row-search';
import { mainExchange, recordingOf } from '../../helpers/recordings';

const kerberos = mainExchange(recordingOf('firefox', 'kerberos-ok'));
const ntlm = mainExchange(recordingOf('firefox', 'ntlm-fallback'));
const rows = [kerberos, ntlm, kerberos, ntlm].map((exchange, index) =>
  exchangeRow({ ...exchange, id: `row${index}`, url: `${exchange.url}?n=${index}` }),
);

describe('RowSearch', () => {
  it('finds the positions of the rows containing every word, in list order', () => {
    const search = new RowSearch(rows);
    expect(search.positionsContaining(['kerberos-ok'], null)).toEqual([0, 2]);
    expect(search.positionsContaining(['ntlm', 'n=3'], null)).toEqual([3]);
    expect(search.positionsContaining(['no such text'], null)).toEqual([]);
    expect(search.positionsContaining([], null)).toEqual([0, 1, 2, 3]);
  });

  it('searches only the given positions when narrowing', () => {
    const search = new RowSearch(rows);
    expect(search.positionsContaining(['lab.test'], [1, 2])).toEqual([1, 2]);
    expect(search.positionsContaining(['kerberos-ok'], [1, 2])).toEqual([2]);
  });

  it('judges rows in order as their text is filled, and never past the list', () => {
    const fresh = [kerberos, ntlm].map((exchange, index) => exchangeRow({ ...exchange, id: `fresh${index}` }));
    const search = new RowSearch(fresh);
    search.fillTo(1);
    expect(fresh.map((row) => row.judged)).toEqual([true, false]);
    search.fillTo(10);
    expect(fresh.map((row) => row.judged)).toEqual([true, true]);
  });
});
