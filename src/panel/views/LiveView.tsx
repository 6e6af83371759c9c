// The inspected tab's exchanges as the background captured them, each with the diagnosis engine's findings.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { diagnoseExchange } from '../../core/diagnosis/engine';
import { statusChain } from '../../core/diagnosis/evidence';
import type { Exchange } from '../../core/exchange/model';
import { summarizeExchange } from '../../core/exchange/summary';
import { browser } from '../../shared/browser';
import { type RuntimePortLike, fromRuntimePort } from '../../shared/port';
import { type BackgroundPortMessage, type PanelPortMessage, isBackgroundPortMessage, panelPortName } from '../../shared/protocol';
import { FindingView } from '../components/FindingView';
import { predictSpn } from '../spn-prediction';
import { connectPanel } from '../state/connection';

export function LiveView({ tabId }: { tabId: number | null }) {
  const [exchanges, setExchanges] = useState<readonly Exchange[]>([]);
  useEffect(() => {
    if (tabId === null) return undefined;
    const connection = connectPanel(
      () =>
        fromRuntimePort<BackgroundPortMessage, PanelPortMessage>(
          browser.runtime.connect({ name: panelPortName(tabId) }) as unknown as RuntimePortLike,
          isBackgroundPortMessage,
        ),
      setExchanges,
    );
    return () => connection.close();
  }, [tabId]);
  if (tabId === null) return <p class="muted">No inspected tab: open AuthScope from the DevTools of the page to diagnose.</p>;
  if (exchanges.length === 0) {
    return (
      <section class="empty" aria-label="No exchanges yet">
        <p>AuthScope watches this tab for Windows authentication: 401/407 challenges (Negotiate, NTLM) and the credentials sent.</p>
        <p>Reload the page with DevTools open to capture its handshakes.</p>
      </section>
    );
  }
  return (
    <section aria-label="Exchanges and findings">
      {exchanges.map((exchange) => (
        <ExchangeFindings key={exchange.id} exchange={exchange} />
      ))}
    </section>
  );
}

function ExchangeFindings({ exchange }: { exchange: Exchange }) {
  const [predictedSpn, setPredictedSpn] = useState<string | null>(null);
  const summary = summarizeExchange(exchange);
  const negotiate = summary.offered.some((scheme) => scheme.toLowerCase() === 'negotiate');
  useEffect(() => {
    if (negotiate) void predictSpn(exchange.url).then(setPredictedSpn);
  }, [exchange.url, negotiate]);
  const findings = useMemo(() => diagnoseExchange(exchange, { predictedSpn }), [exchange, predictedSpn]);
  if (findings.length === 0) return null;
  return (
    <section class="exchange" aria-label={`${exchange.method} ${exchange.url}`} data-exchange={exchange.id}>
      <h2>
        <span class="method">{exchange.method}</span> <span class="url">{exchange.url}</span>
        <span class="chain">{statusChain(exchange)}</span>
        <span class="mechanism">{summary.mechanism ?? 'mechanism not visible'}</span>
        {predictedSpn && <span class="muted">SPN asked for: {predictedSpn}</span>}
      </h2>
      {findings.map((finding, index) => (
        <FindingView key={`${finding.id}-${index}`} finding={finding} />
      ))}
    </section>
  );
}
