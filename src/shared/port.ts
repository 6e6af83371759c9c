// The transport seam between panel and background (React DevTools' "Wall", Apollo's MessageAdapter): a tiny
// port interface, its browser implementation, and an in-memory pair so routing is tested without a browser.

/** One end of a long-lived connection carrying messages of type `Out` and receiving `In`. */
export interface Port<In, Out> {
  post(message: Out): void;
  /** Subscribes to messages; returns the unsubscribe function. */
  onMessage(listener: (message: In) => void): () => void;
  onDisconnect(listener: () => void): void;
  disconnect(): void;
}

/** The fields of runtime.Port we use (Chrome and Firefox have the same shape). */
export interface RuntimePortLike {
  readonly name: string;
  postMessage(message: unknown): void;
  disconnect(): void;
  readonly onMessage: {
    addListener(listener: (message: unknown) => void): void;
    removeListener(listener: (message: unknown) => void): void;
  };
  readonly onDisconnect: { addListener(listener: () => void): void };
}

/** Wraps a runtime port; `accept` is the receive guard (messages that fail it are dropped). */
export function fromRuntimePort<In, Out>(port: RuntimePortLike, accept: (message: unknown) => message is In): Port<In, Out> {
  let connected = true;
  port.onDisconnect.addListener(() => (connected = false));
  return {
    post(message) {
      if (connected) port.postMessage(message);
    },
    onMessage(listener) {
      const guarded = (message: unknown) => {
        if (accept(message)) listener(message);
      };
      port.onMessage.addListener(guarded);
      return () => port.onMessage.removeListener(guarded);
    },
    onDisconnect(listener) {
      port.onDisconnect.addListener(listener);
    },
    disconnect() {
      connected = false;
      port.disconnect();
    },
  };
}

/** Two connected in-memory ports (delivery is asynchronous, like the browser's). */
export function createInMemoryPortPair<A, B>(): [Port<A, B>, Port<B, A>] {
  const listeners: [Set<(message: A) => void>, Set<(message: B) => void>] = [new Set(), new Set()];
  const disconnects: [(() => void)[], (() => void)[]] = [[], []];
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    queueMicrotask(() => [...disconnects[0], ...disconnects[1]].forEach((listener) => listener()));
  };
  const end = <In, Out>(
    incoming: Set<(message: In) => void>,
    outgoing: Set<(message: Out) => void>,
    onClose: (() => void)[],
  ): Port<In, Out> => ({
    post(message) {
      if (open) queueMicrotask(() => outgoing.forEach((listener) => listener(structuredClone(message))));
    },
    onMessage(listener) {
      incoming.add(listener);
      return () => incoming.delete(listener);
    },
    onDisconnect(listener) {
      onClose.push(listener);
    },
    disconnect: close,
  });
  return [end<A, B>(listeners[0], listeners[1], disconnects[0]), end<B, A>(listeners[1], listeners[0], disconnects[1])];
}
