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
    expect(search.containing(['kerberos-ok'], null).positions).toEqual([0, 2]);
    expect(search.containing(['ntlm', 'n=3'], null).positions).toEqual([3]);
    expect(search.containing(['no such text'], null).positions).toEqual([]);
    expect(search.containing([], null).positions).toEqual([0, 1, 2, 3]);
  });

  it('searches only the given positions when narrowing', () => {
    const search = new RowSearch(rows);
    expect(search.containing(['lab.test'], [1, 2]).positions).toEqual([1, 2]);
    expect(search.containing(['kerberos-ok'], [1, 2]).positions).toEqual([2]);
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
