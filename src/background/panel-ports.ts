// Serves a panel's port: the tab's exchanges as a snapshot, then every change as it happens; "resync" re-sends
// the snapshot (the panel asks after it reconnects to a restarted worker); "adopt" keeps an exchange of this tab
// that the panel's own listeners saw and the worker missed.
import type { Exchange } from '../core/exchange/model';
import type { Port } from '../shared/port';
import { type BackgroundPortMessage, type PanelPortMessage, PROTOCOL_VERSION } from '../shared/protocol';

/** What the port needs from the capture service. */
export interface ExchangeSource {
  exchanges(tabId: number): Promise<readonly Exchange[]>;
  onExchange(listener: (exchange: Exchange) => void): () => void;
  /** Keeps a finished exchange witnessed elsewhere unless a finished one with its id is stored already. */
  adopt(exchange: Exchange): void;
}

export function servePanelPort(port: Port<PanelPortMessage, BackgroundPortMessage>, tabId: number, source: ExchangeSource): void {
  const envelope = { source: 'authscope-background', protocol: PROTOCOL_VERSION, tabId } as const;
  const sendSnapshot = async () => port.post({ ...envelope, type: 'snapshot', exchanges: [...(await source.exchanges(tabId))] });
  const unsubscribe = source.onExchange((exchange) => {
    if (exchange.tabId === tabId) port.post({ ...envelope, type: 'exchange', exchange });
  });
  const stopListening = port.onMessage((message) => {
    if (message.type === 'resync') void sendSnapshot();
    else if (message.exchange.tabId === tabId) source.adopt(message.exchange);
  });
  port.onDisconnect(() => {
    unsubscribe();
    stopListening();
  });
  void sendSnapshot();
}
