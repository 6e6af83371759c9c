// The panel's copy of its tab's exchanges, kept in step with the background: snapshot replaces, delta upserts.
import type { Exchange } from '../../core/exchange/model';
import type { BackgroundPortMessage } from '../../shared/protocol';

/** Applies one background message to the list (newest last, like DevTools' Network panel). */
export function applyPortMessage(list: readonly Exchange[], message: BackgroundPortMessage): Exchange[] {
  if (message.type === 'snapshot') return [...message.exchanges];
  const index = list.findIndex((exchange) => exchange.id === message.exchange.id);
  if (index < 0) return [...list, message.exchange];
  const next = [...list];
  next[index] = message.exchange;
  return next;
}
