import { describe, expect, it } from 'vitest';
import { servePanelPort, type ExchangeSource } from '../../src/background/panel-ports';
import type { Exchange } from '../../src/core/exchange/model';
import { connectPanel, RECONNECT_DELAY_MS } from '../../src/panel/state/connection';
import { type Port, createInMemoryPortPair } from '../../src/shared/port';
import {
  type BackgroundPortMessage,
  type PanelPortMessage,
  PROTOCOL_VERSION,
  isBackgroundPortMessage,
  isPanelPortMessage,
} from '../../src/shared/protocol';
import { mainExchange, recordingOf } from '../../tools/fixtures/recordings';

const exchange = (id: string, tabId: number, finalStatus: number | null = null): Exchange =>
  ({
    id,
    tabId,
    requestId: id,
    url: `http://app.lab.test/${id}`,
    legs: [],
    finalStatus,
    done: finalStatus !== null,
  }) as unknown as Exchange;

/** A capture service stand-in: a tab's exchanges plus a way to announce changes. */
function fakeSource(initial: Exchange[]) {
  const listeners = new Set<(exchange: Exchange) => void>();
  const stored = [...initial];
  const adopted: Exchange[] = [];
  const source: ExchangeSource = {
    adopt: (exchange) => adopted.push(exchange),
    exchanges: async (tabId) => stored.filter((candidate) => candidate.tabId === tabId),
    onExchange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    source,
    listeners,
    adopted,
    change(next: Exchange) {
      const index = stored.findIndex((candidate) => candidate.id === next.id);
      if (index >= 0) stored[index] = next;
      else stored.push(next);
      listeners.forEach((listener) => listener(next));
    },
  };
}

const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe('panel port (in-memory transport)', () => {
  it('sends the tab snapshot, then deltas for that tab only, and unsubscribes on disconnect', async () => {
    const world = fakeSource([exchange('a', 1, 200), exchange('b', 2, 401)]);
    const [panel, background] = createInMemoryPortPair<BackgroundPortMessage, PanelPortMessage>();
    const received: BackgroundPortMessage[] = [];
    panel.onMessage((message) => received.push(message));
    servePanelPort(background, 1, world.source);
    await settle();
    world.change(exchange('c', 1));
    world.change(exchange('d', 2));
    await settle();
    expect(
      received.map((message) =>
        message.type === 'snapshot' ? `snapshot:${message.exchanges.map((item) => item.id)}` : `exchange:${message.exchange.id}`,
      ),
    ).toEqual(['snapshot:a', 'exchange:c']);
    expect(received.every(isBackgroundPortMessage)).toBe(true);
    panel.disconnect();
    await settle();
    expect(world.listeners.size).toBe(0);
  });

  it('the panel keeps one list: snapshot, upserts, and a resync after the worker restarts', async () => {
    const world = fakeSource([exchange('a', 7, 401)]);
    let current: Port<PanelPortMessage, BackgroundPortMessage> | null = null;
    const panelMessages: PanelPortMessage[] = [];
    const lists: string[][] = [];
    connectPanel(
      () => {
        const [panel, background] = createInMemoryPortPair<BackgroundPortMessage, PanelPortMessage>();
        background.onMessage((message) => panelMessages.push(message));
        current = background;
        servePanelPort(background, 7, world.source);
        return panel;
      },
      (exchanges) => lists.push(exchanges.map((item) => `${item.id}:${item.finalStatus}`)),
    );
    await settle();
    world.change(exchange('a', 7, 200));
    world.change(exchange('b', 7));
    await settle();
    expect(lists.at(-1)).toEqual(['a:200', 'b:null']);
    // The worker stops: the port drops; the panel reconnects and asks for a resync.
    (current as Port<PanelPortMessage, BackgroundPortMessage> | null)?.disconnect();
    world.change(exchange('c', 7, 200));
    await settle(RECONNECT_DELAY_MS + 50);
    expect(lists.at(-1)).toEqual(['a:200', 'b:null', 'c:200']);
    expect(panelMessages.filter(isPanelPortMessage).map((message) => message.type)).toEqual(['resync']);
  });

  it('adopts a finished exchange the panel witnessed for its own tab only, and refuses malformed ones', async () => {
    const world = fakeSource([]);
    const [panel, background] = createInMemoryPortPair<BackgroundPortMessage, PanelPortMessage>();
    servePanelPort(background, 3, world.source);
    const adopt = (item: unknown) =>
      ({ source: 'authscope-panel', protocol: PROTOCOL_VERSION, type: 'adopt', exchange: item as Exchange }) as const;
    panel.post(adopt(exchange('mine', 3, 200)));
    panel.post(adopt(exchange('other-tab', 4, 200)));
    await settle();
    expect(world.adopted.map((item) => item.id)).toEqual(['mine']);
    // The runtime port's guard (fromRuntimePort) lets only finished exchanges through, checked field by field.
    const recorded = { ...mainExchange(recordingOf('firefox', 'kerberos-ok')), tabId: 3 };
    expect(isPanelPortMessage(adopt(recorded))).toBe(true);
    expect(isPanelPortMessage(adopt({ ...recorded, done: false }))).toBe(false);
    expect(isPanelPortMessage(adopt(exchange('partial', 3, 200)))).toBe(false);
    expect(isPanelPortMessage(adopt({ id: 'no-legs', tabId: 3, done: true }))).toBe(false);
    expect(isPanelPortMessage(adopt(null))).toBe(false);
  });
});
