import { describe, expect, it } from 'vitest';
import { exchangeRow } from '../../../src/panel/state/exchange-row';
import { RowSearch } from '../../../src/panel/state/row-search';
import { mainExchange, recordingOf } from '../../../tools/fixtures/recordings';

const kerberos = mainExchange(recordingOf('firefox', 'kerberos-ok'));
const ntlm = mainExchange(recordingOf('firefox', 'ntlm-fallback'));
const listOf = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, index) => {
    const exchange = index % 2 === 0 ? kerberos : ntlm;
    return exchangeRow({ ...exchange, id: `${prefix}${index}`, url: `${exchange.url}?n=${index}` });
  });
const ids = (rows: readonly { id: string }[]) => rows.map((row) => row.id);

describe('RowSearch', () => {
  const rows = listOf(4, 'row');

  it('finds the rows containing every word, in list order', () => {
    const search = new RowSearch(rows);
    expect(ids(search.run(['kerberos-ok'], null).all())).toEqual(['row0', 'row2']);
    expect(ids(search.run(['ntlm', 'n=3'], null).all())).toEqual(['row3']);
    expect(search.run(['no such text'], null).all()).toEqual([]);
    expect(ids(search.run([], null).all())).toEqual(['row0', 'row1', 'row2', 'row3']);
  });

  it('applies the toggles with the words', () => {
    const search = new RowSearch(rows);
    expect(ids(search.run(['lab.test'], (row) => row.mechanism === 'NTLM').all())).toEqual(['row1', 'row3']);
  });

  it('scans only as far as the view needs; the view counts the rest as possible matches until done', () => {
    const many = listOf(1000, 'many');
    const run = new RowSearch(many).run(['kerberos-ok'], null);
    const view = run.view();
    expect(ids(view.slice(0, 3))).toEqual(['many0', 'many2', 'many4']);
    expect(run.complete).toBe(false);
    expect(view.counting).toBe(true);
    expect(view.length).toBeGreaterThanOrEqual(500);
    expect(view.indexOf('many998')).toBe(-1);
    run.scan(Infinity, Infinity);
    expect(run.complete).toBe(true);
    expect(run.view()).toMatchObject({ length: 500, counting: false });
    expect(run.view().indexOf('many998')).toBe(499);
  });

  it('narrows from an unfinished run: what it found plus what it had not scanned', () => {
    const many = listOf(1000, 'wide');
    const search = new RowSearch(many);
    const run = search.run(['kerberos'], null);
    run.view().slice(0, 10);
    const narrowed = run.narrowed(['kerberos-ok', 'n=99'], null);
    expect(ids(narrowed.all())).toEqual(ids(search.run(['kerberos-ok', 'n=99'], null).all()));
    expect(ids(narrowed.all())).toContain('wide998');
  });

  it('judges rows in order as their text is kept, and never past the list', () => {
    const fresh = listOf(2, 'fresh');
    const search = new RowSearch(fresh);
    search.fillTo(1);
    expect(fresh.map((row) => row.judged)).toEqual([true, false]);
    search.fillTo(10);
    expect(fresh.map((row) => row.judged)).toEqual([true, true]);
  });
});
