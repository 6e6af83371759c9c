// Panel logic without a browser: the store fed through the in-memory transport, as the background would.
import { describe, expect, it, vi } from 'vitest';
import { servePanelPort } from '../../../src/background/panel-ports';
import type { Exchange } from '../../../src/core/exchange/model';
import { createInMemoryPortPair } from '../../../src/shared/port';
import type { BackgroundPortMessage, PanelPortMessage } from '../../../src/shared/protocol';
import { connectPanel } from '../../../src/panel/state/connection';
import { createPanelStore } from '../../../src/panel/state/store';
import { mainExchange, recordings } from '../../../tools/fixtures/recordings';

const exchanges: Exchange[] = recordings
  .filter((recording) => recording.browser === 'firefox')
  .map((recording, index) => ({ ...mainExchange(recording), tabId: 5, startedAt: 1000 + index }));

function connectedStore() {
  const store = createPanelStore();
  const listeners = new Set<(exchange: Exchange) => void>();
  const source = {
    adopt: () => undefined,
    exchanges: async () => exchanges,
    onExchange: (listener: (exchange: Exchange) => void) => (listeners.add(listener), () => listeners.delete(listener)),
  };
  connectPanel(
    () => {
      const [panelSide, backgroundSide] = createInMemoryPortPair<BackgroundPortMessage, PanelPortMessage>();
      servePanelPort(backgroundSide, 5, source);
      return panelSide;
    },
    (list) => (store.exchanges.value = list),
  );
  return { store, push: (exchange: Exchange) => listeners.forEach((listener) => listener(exchange)) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('panel store over the in-memory transport', () => {
  it('fills from the snapshot and takes later exchanges as deltas, newest last', async () => {
    const { store, push } = connectedStore();
    await settle();
    expect(store.rows.value).toHaveLength(exchanges.length);
    push({ ...exchanges[0]!, id: 'later', startedAt: 9000 });
    await settle();
    expect(store.rows.value.at(-1)?.id).toBe('later');
  });

  it('filters by text, problems and mechanism, and summarises origins', async () => {
    const { store } = connectedStore();
    await settle();
    store.filterText.value = 'kerberos-rejected';
    expect(store.visibleRows.value.map((row) => row.chain)).toEqual(['401 → 401']);
    store.filterText.value = '';
    store.mechanism.value = 'kerberos';
    expect(store.visibleRows.value.every((row) => row.mechanism === 'Kerberos')).toBe(true);
    store.mechanism.value = 'all';
    store.problemsOnly.value = true;
    expect(store.visibleRows.value.every((row) => row.worst === 'error' || row.worst === 'warning')).toBe(true);
    expect(store.visibleRows.value.length).toBeLessThan(store.rows.value.length);
    expect(store.origins.value.find((origin) => origin.host.startsWith('intranet.lab.test'))).toMatchObject({ kerberosOk: 1, failed: 0 });
  });

  it('moves the selection with the keyboard among visible rows only', async () => {
    const { store } = connectedStore();
    await settle();
    store.moveSelection(1);
    expect(store.selectedId.value).toBe(store.visibleRows.value[0]?.id);
    store.moveSelection(-1);
    expect(store.selectedId.value).toBe(store.visibleRows.value[0]?.id);
    store.moveSelection(1);
    store.moveSelection(1);
    expect(store.selected.value?.id).toBe(store.visibleRows.value[2]?.id);
  });

  it('jumps to the first and last row (Home, End) and sorts by a column, moving in the order shown', async () => {
    const { store } = connectedStore();
    await settle();
    store.moveSelection(Number.POSITIVE_INFINITY);
    expect(store.selectedId.value).toBe(store.visibleRows.value.at(-1)?.id);
    store.moveSelection(Number.NEGATIVE_INFINITY);
    expect(store.selectedId.value).toBe(store.visibleRows.value[0]?.id);
    store.sortOrder.value = { column: 'url', descending: true };
    const shown = store.listRows.value.slice(0, store.listRows.value.length);
    const urls = shown.map((row) => row.url);
    expect(urls).toEqual([...urls].sort().reverse());
    store.moveSelection(Number.POSITIVE_INFINITY);
    expect(store.selectedId.value).toBe(shown.at(-1)?.id);
    store.sortOrder.value = null;
    expect(store.listRows.value.slice(0, 3).map((row) => row.id)).toEqual(store.rows.value.slice(0, 3).map((row) => row.id));
  });

  it('clears the detail pane when the filter hides the selected row or matches nothing', async () => {
    const { store } = connectedStore();
    await settle();
    store.moveSelection(1);
    expect(store.selected.value).not.toBeNull();
    store.filterText.value = 'no-such-exchange-anywhere';
    await vi.waitFor(() => expect(store.listRows.value.counting).toBe(false));
    expect(store.listRows.value.length).toBe(0);
    expect(store.selected.value).toBeNull();
    store.filterText.value = '';
    expect(store.selected.value).not.toBeNull();
  });

  it('Clear hides what was captured; a navigation clears unless Preserve log is on', async () => {
    const { store, push } = connectedStore();
    await settle();
    store.preserveLog.value = true;
    store.navigated(5000);
    expect(store.rows.value).toHaveLength(exchanges.length);
    store.preserveLog.value = false;
    store.navigated(5000);
    expect(store.rows.value).toHaveLength(0);
    push({ ...exchanges[0]!, id: 'after', startedAt: 6000 });
    await settle();
    expect(store.rows.value.map((row) => row.id)).toEqual(['after']);
    store.clear(7000);
    expect(store.rows.value).toHaveLength(0);
  });

  it('narrows as the user types and gives the same rows as a fresh filter, also after deleting', async () => {
    const { store } = connectedStore();
    await settle();
    const fresh = (text: string) => {
      const other = createPanelStore();
      other.exchanges.value = store.exchanges.value;
      other.filterText.value = text;
      return other.visibleRows.value.map((row) => row.id);
    };
    for (const text of ['k', 'ke', 'kerb', 'kerberos', 'kerberos-r', 'kerb', 'n', 'ntlm fall']) {
      store.filterText.value = text;
      expect(
        store.visibleRows.value.map((row) => row.id),
        text,
      ).toEqual(fresh(text));
    }
  });

  it('filters right when an exchange arrives between keystrokes and with the toggles on', async () => {
    const { store, push } = connectedStore();
    await settle();
    store.filterText.value = 'ker';
    const before = store.visibleRows.value.length;
    push({ ...exchanges[0]!, id: 'arrived', url: 'http://arrived.lab.test/kerberos', startedAt: 9000 });
    await settle();
    store.filterText.value = 'kerb';
    expect(store.visibleRows.value.at(-1)?.id).toBe('arrived');
    expect(store.visibleRows.value.length).toBeLessThanOrEqual(before + 1);
    store.problemsOnly.value = true;
    store.filterText.value = 'lab';
    const expected = store.rows.value
      .filter((row) => (row.worst === 'error' || row.worst === 'warning') && row.search.includes('lab'))
      .map((row) => row.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(store.visibleRows.value.map((row) => row.id)).toEqual(expected);
  });

  it('shows the rows in view at once and counts the other matches after the frame', async () => {
    const store = createPanelStore();
    store.exchanges.value = Array.from({ length: 2000 }, (_, index) => ({
      ...exchanges[index % exchanges.length]!,
      id: `many${index}`,
      startedAt: 1000 + index,
    }));
    store.filterText.value = 'ntlm';
    const shown = store.listRows.value;
    expect(shown.counting).toBe(true);
    const firstRows = shown.slice(0, 30);
    expect(firstRows).toHaveLength(30);
    expect(firstRows.every((row) => row.search.includes('ntlm'))).toBe(true);
    await vi.waitFor(() => expect(store.listRows.value.counting).toBe(false), { timeout: 10_000 });
    const counted = store.listRows.value;
    expect(counted.counting).toBe(false);
    expect(counted.length).toBe(store.visibleRows.value.length);
    expect(counted.slice(0, 30)).toEqual(firstRows);
  });
});
