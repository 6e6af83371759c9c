// Bench-only page script (bundled by tools/bench/panel.ts, never shipped): renders the panel's exchange
// workspace as the panel does — empty first, then the background's snapshot of N exchanges (cloned from the lab
// recordings) — and times the snapshot's first render, the judging of every row, and each filter keystroke: to the
// laid-out list, to the painted frame, and to the filter's count of every match (the list shows the rows in view
// at once and scans the rest in idle time).
// "Work" is the main-thread time from the change to the laid-out list (Preact renders in microtasks, then layout
// is forced); "painted" adds the wait for the next frame, which depends on where in the 16.7 ms vsync it falls.
import { effect } from '@preact/signals';
import { render } from 'preact';
import type { Exchange } from '../../src/core/exchange/model';
import { ExchangeWorkspace } from '../../src/panel/components/ExchangeWorkspace';
import { StoreContext } from '../../src/panel/state/context';
import { type PanelStore, createPanelStore } from '../../src/panel/state/store';

/** What one bench page measures (read by tools/bench/panel.ts). */
export interface PanelBenchResult {
  /** Cold page: the empty workspace rendered and laid out (script compile, first style and layout). */
  readonly bootMs: number;
  readonly firstRenderMs: number;
  readonly firstPaintMs: number;
  readonly indexedMs: number;
  readonly keystrokeMs: readonly number[];
  readonly keystrokePaintMs: readonly number[];
  /** From the keystroke until the filter has counted every match (idle slices after the painted frame). */
  readonly keystrokeCountedMs: readonly number[];
  readonly rowsInDom: number;
  readonly visibleAfterFilter: number;
}

interface BenchWindow {
  benchSeed: Exchange[];
  runPanelBench(count: number): Promise<PanelBenchResult>;
}

/** Runs the renders Preact queued (microtasks, including re-renders from layout effects), then forces layout. */
async function laidOut(root: HTMLElement): Promise<void> {
  for (let turn = 0; turn < 20; turn++) await null;
  void root.getBoundingClientRect().height;
}

/** Resolves once the list's filter has scanned every row. */
const counted = (store: PanelStore) =>
  new Promise<void>((resolve) => {
    const stop = effect(() => {
      if (!store.listRows.value.counting) {
        queueMicrotask(() => stop());
        resolve();
      }
    });
  });

/** Resolves once the next frame has been produced. */
const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

const benchWindow = window as unknown as BenchWindow;
benchWindow.runPanelBench = async (count) => {
  const seed = benchWindow.benchSeed;
  const exchanges = Array.from({ length: count }, (_, index) => {
    const base = seed[index % seed.length] as Exchange;
    return { ...base, id: `bench:${index}`, url: `${base.url}?n=${index}`, startedAt: base.startedAt + index };
  });
  const root = document.getElementById('app') as HTMLElement;
  const store = createPanelStore();
  const booting = performance.now();
  render(
    <StoreContext.Provider value={store}>
      <ExchangeWorkspace source="bench" chromium={false} version="bench" />
    </StoreContext.Provider>,
    root,
  );
  await laidOut(root);
  const bootMs = performance.now() - booting;
  await painted();

  const started = performance.now();
  store.exchanges.value = exchanges;
  await laidOut(root);
  const firstRenderMs = performance.now() - started;
  await painted();
  const firstPaintMs = performance.now() - started;
  const rowsInDom = root.querySelectorAll('[data-exchange]').length;
  // Rows are judged in idle slices after the first render; the user types once they are in.
  while (store.indexed.value < count) await new Promise((resolve) => setTimeout(resolve, 5));
  const indexedMs = performance.now() - started;
  // The user types "kerberos" one key at a time; each keystroke is timed to the updated, laid-out list.
  const input = root.querySelector('input[type=search]') as HTMLInputElement;
  const keystrokeMs: number[] = [];
  const keystrokePaintMs: number[] = [];
  const keystrokeCountedMs: number[] = [];
  for (const length of [1, 2, 3, 4, 5, 6, 7, 8]) {
    await painted();
    const typed = performance.now();
    input.value = 'kerberos'.slice(0, length);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await laidOut(root);
    keystrokeMs.push(performance.now() - typed);
    await painted();
    keystrokePaintMs.push(performance.now() - typed);
    await counted(store);
    keystrokeCountedMs.push(performance.now() - typed);
  }
  return {
    bootMs,
    firstRenderMs,
    firstPaintMs,
    indexedMs,
    keystrokeMs,
    keystrokePaintMs,
    keystrokeCountedMs,
    rowsInDom,
    visibleAfterFilter: store.visibleRows.value.length,
  };
};
