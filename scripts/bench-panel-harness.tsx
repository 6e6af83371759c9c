// Bench-only page script (bundled by scripts/bench-panel.ts, never shipped): renders the panel's exchange
// workspace over N exchanges cloned from the lab recordings and times the first render, the background
// diagnosis of every row, and one filter keystroke.
import { render } from 'preact';
import type { Exchange } from '../src/core/exchange/model';
import { ExchangeWorkspace } from '../src/panel/components/ExchangeWorkspace';
import { StoreContext } from '../src/panel/state/context';
import { createPanelStore } from '../src/panel/state/store';

/** What one bench page measures (read by scripts/bench-panel.ts). */
export interface PanelBenchResult {
  readonly firstRenderMs: number;
  readonly indexedMs: number;
  readonly keystrokeMs: number;
  readonly keystrokeMedianMs: number;
  readonly rowsInDom: number;
  readonly visibleAfterFilter: number;
}

interface BenchWindow {
  benchSeed: Exchange[];
  runPanelBench(count: number): Promise<PanelBenchResult>;
}

/** Lets Preact flush its scheduled renders (microtasks, then a macrotask), then forces style and layout. */
async function settled(root: HTMLElement): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  void root.getBoundingClientRect().height;
}

const benchWindow = window as unknown as BenchWindow;
benchWindow.runPanelBench = async (count) => {
  const seed = benchWindow.benchSeed;
  const exchanges = Array.from({ length: count }, (_, index) => {
    const base = seed[index % seed.length] as Exchange;
    return { ...base, id: `bench:${index}`, url: `${base.url}?n=${index}`, startedAt: base.startedAt + index };
  });
  const root = document.getElementById('app') as HTMLElement;
  const store = createPanelStore();
  const started = performance.now();
  store.exchanges.value = exchanges;
  render(
    <StoreContext.Provider value={store}>
      <ExchangeWorkspace source="bench" chromium={false} version="bench" />
    </StoreContext.Provider>,
    root,
  );
  await settled(root);
  const firstRenderMs = performance.now() - started;
  const rowsInDom = root.querySelectorAll('[data-exchange]').length;
  // Findings are computed in slices between frames after the first render; the user types once they are in.
  while (store.indexed.value < count) await new Promise((resolve) => setTimeout(resolve, 5));
  const indexedMs = performance.now() - started;
  // The user types "kerberos" one key at a time; each keystroke is timed to the updated, laid-out list.
  const input = root.querySelector('input[type=search]') as HTMLInputElement;
  const keystrokes: number[] = [];
  for (const length of [1, 2, 3, 4, 5, 6, 7, 8]) {
    const typed = performance.now();
    input.value = 'kerberos'.slice(0, length);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await settled(root);
    keystrokes.push(performance.now() - typed);
  }
  const keystrokeMs = Math.max(...keystrokes);
  const keystrokeMedianMs = [...keystrokes].sort((a, b) => a - b)[4] as number;
  return { firstRenderMs, indexedMs, keystrokeMs, keystrokeMedianMs, rowsInDom, visibleAfterFilter: store.visibleRows.value.length };
};
