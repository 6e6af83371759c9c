// Loads a view's module when it is first shown, so the panel's first load carries only the live view (the
// import and IIS-log views bring the NetLog, HAR and log readers with them).
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function LazyView({ load }: { load: () => Promise<ComponentType> }) {
  const [View, setView] = useState<ComponentType | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    load()
      .then((component) => current && setView(() => component))
      .catch((error: unknown) => current && setFailed(error instanceof Error ? error.message : String(error)));
    return () => {
      current = false;
    };
  }, [load]);
  if (failed) return <p role="alert">Could not load this view: {failed}</p>;
  return View ? <View /> : <p class="muted">Loading…</p>;
}
