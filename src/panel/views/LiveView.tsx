// The inspected tab's exchanges: connects the store to the background for the tab and clears on navigation unless
// Preserve log is on. The list, details and copy are the ExchangeWorkspace.
import { useEffect } from 'preact/hooks';
import { browser } from '../../shared/browser';
import { type RuntimePortLike, fromRuntimePort } from '../../shared/port';
import { type BackgroundPortMessage, type PanelPortMessage, isBackgroundPortMessage, panelPortName } from '../../shared/protocol';
import { ExchangeWorkspace } from '../components/ExchangeWorkspace';
import { askThisComputer } from '../companion';
import { predictSpn } from '../spn-prediction';
import { connectPanel } from '../state/connection';
import { useStore } from '../state/context';
import { witnessTab } from '../state/witness';
import { browserFamily, browserLabel } from '../../shared/capabilities';
import { watchWebRequests } from '../../shared/webrequest-listeners';

/** How often the panel compares what it witnessed with what the background shows. */
const WITNESS_CHECK_MS = 1000;

type NavigatedEvent = { addListener(listener: () => void): void; removeListener(listener: () => void): void };

export function LiveView({ tabId }: { tabId: number | null }) {
  const store = useStore();
  useEffect(() => {
    if (tabId === null) return undefined;
    const connection = connectPanel(
      () =>
        fromRuntimePort<BackgroundPortMessage, PanelPortMessage>(
          browser.runtime.connect({ name: panelPortName(tabId) }) as unknown as RuntimePortLike,
          isBackgroundPortMessage,
        ),
      (exchanges) => (store.exchanges.value = exchanges),
    );
    const witness = witnessTab({
      browser: browserFamily,
      watch: (onEvent) => watchWebRequests(onEvent, { tabId }),
      shown: () => store.exchanges.value,
      adopt: (exchange) => connection.adopt(exchange),
    });
    const checking = setInterval(() => witness.check(), WITNESS_CHECK_MS);
    // Says the panel's own listeners are registered: from here on, a handshake the worker misses is not lost.
    document.documentElement.dataset['witness'] = 'listening';
    const onNavigated = (browser as unknown as { devtools?: { network?: { onNavigated?: NavigatedEvent } } }).devtools?.network
      ?.onNavigated;
    const navigated = () => store.navigated();
    onNavigated?.addListener(navigated);
    return () => {
      delete document.documentElement.dataset['witness'];
      onNavigated?.removeListener(navigated);
      clearInterval(checking);
      witness.stop();
      connection.close();
    };
  }, [tabId, store]);

  if (tabId === null) return <p class="muted">No inspected tab: open AuthScope from the DevTools of the page to diagnose.</p>;
  return (
    <ExchangeWorkspace
      source={browserLabel()}
      chromium={browserFamily === 'chromium'}
      version={browser.runtime.getManifest().version}
      predictSpn={predictSpn}
      askComputer={askThisComputer}
    />
  );
}
