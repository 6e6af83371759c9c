// Modules the panel needs only after its first paint — the detail pane with all the advice, the copied reports —
// loaded on first use or when the page is idle, whichever comes first, so the first load carries the list alone.
import { useEffect, useState } from 'preact/hooks';

export interface LazyModule<T> {
  /** The module, loading it if needed. */
  get(): Promise<T>;
  /** The module if it has loaded (a click handler that must stay synchronous uses it). */
  now(): T | null;
  /** Loads it when the page is idle. */
  prefetch(): void;
}

export function lazyModule<T>(load: () => Promise<T>): LazyModule<T> {
  let loaded: T | null = null;
  let pending: Promise<T> | null = null;
  const get = () =>
    (pending ??= load().then((module) => {
      loaded = module;
      return module;
    }));
  return {
    get,
    now: () => loaded,
    prefetch() {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(() => void get(), { timeout: 2000 });
      else setTimeout(() => void get(), 0);
    },
  };
}

/** The module once loaded (null until then); asks for it when first rendered. */
export function useLazyModule<T>(module: LazyModule<T>): T | null {
  const [value, setValue] = useState<T | null>(module.now);
  useEffect(() => {
    if (value) return undefined;
    let current = true;
    void module.get().then((loaded) => current && setValue(() => loaded));
    return () => {
      current = false;
    };
  }, [module, value]);
  return value;
}
