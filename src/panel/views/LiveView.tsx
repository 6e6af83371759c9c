// The inspected tab's exchanges: connects the store to the background for the tab, clears on navigation unless
// Preserve log is on, and copies the diagnosis. The list and details are the ExchangeWorkspace.
import { useEffect, useState } from 'preact/hooks';
import { diagnosisMarkdown } from '../../core/report/diagnosis-markdown';
import type { Exchange } from '../../core/exchange/model';
import { browser } from '../../shared/browser';
import { type RuntimePortLike, fromRuntimePort } from '../../shared/port';
import { type BackgroundPortMessage, type PanelPortMessage, isBackgroundPortMessage, panelPortName } from '../../shared/protocol';
import { copyText } from '../clipboard';
import { ExchangeWorkspace } from '../components/ExchangeWorkspace';
import type { CopyChoices } from '../components/ListToolbar';
import { connectPanel } from '../state/connection';
import { useStore } from '../state/context';

/** "Chromium 156", "Firefox 153", "Edge 140" from the user agent. */
export function browserName(userAgent: string): string {
  const match = /(Edg|Firefox|Chrome|Chromium)\/(\d+)/.exec(userAgent);
  if (!match) return 'unknown browser';
  const names: Record<string, string> = { Edg: 'Edge', Firefox: 'Firefox', Chrome: 'Chromium', Chromium: 'Chromium' };
  return `${names[match[1] ?? ''] ?? match[1]} ${match[2]}`;
}

type NavigatedEvent = { addListener(listener: () => void): void; removeListener(listener: () => void): void };

export function LiveView({ tabId }: { tabId: number | null }) {
  const store = useStore();
  const [copyStatus, setCopyStatus] = useState<string | null>(null);
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
    const onNavigated = (browser as unknown as { devtools?: { network?: { onNavigated?: NavigatedEvent } } }).devtools?.network
      ?.onNavigated;
    const navigated = () => store.navigated();
    onNavigated?.addListener(navigated);
    return () => {
      onNavigated?.removeListener(navigated);
      connection.close();
    };
  }, [tabId, store]);

  const copy = (exchanges: readonly Exchange[], choices: CopyChoices) => {
    const text = diagnosisMarkdown(exchanges, {
      ...choices,
      browser: browserName(navigator.userAgent),
      extensionVersion: browser.runtime.getManifest().version,
      generatedAt: new Date().toISOString(),
    });
    const copied = copyText(text);
    setCopyStatus(
      copied ? `Copied ${exchanges.length} exchange${exchanges.length === 1 ? '' : 's'} (${text.length} characters)` : 'Copy failed',
    );
  };

  if (tabId === null) return <p class="muted">No inspected tab: open AuthScope from the DevTools of the page to diagnose.</p>;
  return (
    <ExchangeWorkspace
      onCopyList={(choices) =>
        copy(
          store.visibleRows.value.map((row) => row.exchange),
          choices,
        )
      }
      onCopyExchange={(row) => copy([row.exchange], { includeIdentities: false, includeRawTokens: false })}
      copyStatus={copyStatus}
      chromium={!/Firefox\//.test(navigator.userAgent)}
      version={browser.runtime.getManifest().version}
    />
  );
}
