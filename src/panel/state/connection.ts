// Keeps a panel connected to the background for its inspected tab: snapshot on connect, deltas after, and a new
// connection plus resync when the port drops (the worker was stopped), like React DevTools' connectExtensionPort.
import type { Exchange } from '../../core/exchange/model';
import type { Port } from '../../shared/port';
import { type BackgroundPortMessage, type PanelPortMessage, PROTOCOL_VERSION } from '../../shared/protocol';
import { applyPortMessage } from './exchange-list';

export interface PanelConnection {
  /** Hands the background an exchange the panel saw finish that the background has not shown (see witness.ts). */
  adopt(exchange: Exchange): void;
  close(): void;
}

/** Delay before reconnecting after the port drops; the worker restarts on demand. */
export const RECONNECT_DELAY_MS = 100;

export function connectPanel(
  openPort: () => Port<BackgroundPortMessage, PanelPortMessage>,
  onExchanges: (exchanges: readonly Exchange[]) => void,
): PanelConnection {
  let exchanges: Exchange[] = [];
  let closed = false;
  let port: Port<BackgroundPortMessage, PanelPortMessage>;
  const connect = (resync: boolean) => {
    port = openPort();
    port.onMessage((message) => {
      exchanges = applyPortMessage(exchanges, message);
      onExchanges(exchanges);
    });
    port.onDisconnect(() => {
      if (!closed) setTimeout(() => connect(true), RECONNECT_DELAY_MS);
    });
    if (resync) port.post({ source: 'authscope-panel', protocol: PROTOCOL_VERSION, type: 'resync' });
  };
  connect(false);
  return {
    adopt(exchange) {
      port.post({ source: 'authscope-panel', protocol: PROTOCOL_VERSION, type: 'adopt', exchange });
    },
    close() {
      closed = true;
      port.disconnect();
    },
  };
}
