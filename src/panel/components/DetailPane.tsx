// The selected exchange: what the browser hid, its findings (the answer), its legs, the token chosen in them
// (tree + hex), and a copy action for this exchange alone.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { diagnoseExchange } from '../../core/diagnosis/findings';
import { hiddenLegsNote } from '../../core/diagnosis/advice/common';
import type { ExchangeRow } from '../state/exchange-row';
import { mechanismText } from '../../core/report/mechanism-text';
import { notKept } from '../../core/exchange/limits';
import { FindingView } from './FindingView';
import { LegTimeline, type TokenChoice } from './LegTimeline';
import { TokenPanel } from './TokenPanel';

/** The first token worth showing: the browser's last credential, else the server's last answer. */
function defaultToken(row: ExchangeRow): TokenChoice | null {
  const legs = row.exchange.legs;
  for (let index = legs.length - 1; index >= 0; index--) {
    const credentials = legs[index]?.request?.credentials ?? legs[index]?.request?.proxyCredentials;
    if (credentials?.summary) return { leg: index, header: `Leg ${index + 1} Authorization`, item: credentials };
  }
  for (let index = legs.length - 1; index >= 0; index--) {
    const challenge = [...(legs[index]?.response?.challenges ?? []), ...(legs[index]?.response?.proxyChallenges ?? [])].find(
      (item) => item.summary,
    );
    if (challenge) return { leg: index, header: `Leg ${index + 1} WWW-Authenticate`, item: challenge };
  }
  return null;
}

export function DetailPane({
  row,
  onCopy,
  predictSpn,
}: {
  row: ExchangeRow;
  onCopy: (row: ExchangeRow) => void;
  /** Predicts the SPN the browser will ask for (Firefox, from DNS); absent where the browser cannot. */
  predictSpn?: ((url: string) => Promise<string | null>) | undefined;
}) {
  const [token, setToken] = useState<TokenChoice | null>(() => defaultToken(row));
  const [predictedSpn, setPredictedSpn] = useState<string | null>(null);
  useEffect(() => setToken(defaultToken(row)), [row]);
  const negotiate = row.summary.offered.some((scheme) => scheme.toLowerCase() === 'negotiate');
  useEffect(() => {
    setPredictedSpn(null);
    if (predictSpn && negotiate) void predictSpn(row.url).then(setPredictedSpn);
  }, [row.url, negotiate, predictSpn]);
  // A prediction is evidence only the panel has: the engine runs again with it (spn-mismatch on a CNAME), once per
  // exchange and prediction — the pane re-renders at every idle judging slice of the list.
  const findings = useMemo(() => diagnoseExchange(row.exchange, predictedSpn ? { predictedSpn } : {}), [row.exchange, predictedSpn]);
  const { mechanismReading, outcome } = row.summary;
  const hidden = hiddenLegsNote(row.exchange);
  return (
    <section class="detail" aria-label="Exchange details">
      <header class="detail-header">
        <h2>
          {row.method} {row.url}
        </h2>
        <button onClick={() => onCopy(row)}>Copy this exchange</button>
      </header>
      <p class="verdict">
        Mechanism: <strong data-mechanism-evidence={mechanismReading.evidence ?? 'none'}>{mechanismText(mechanismReading)}</strong> ·
        outcome <strong>{outcome}</strong> ({row.chain}){predictedSpn && <> · SPN the browser will ask for: {predictedSpn}</>}
      </p>
      {mechanismReading.evidence !== 'client-token' && mechanismReading.facts.length > 0 && (
        <details class="mechanism-facts">
          <summary>What the mechanism rests on</summary>
          <ul>
            {mechanismReading.facts.map((fact, index) => (
              <li key={index}>
                {fact.leg !== null && <span class="muted">leg {fact.leg + 1} · </span>}
                {fact.name}: {fact.value}
              </li>
            ))}
            {mechanismReading.caveats.map((caveat, index) => (
              <li key={`caveat-${index}`} class="caveat">
                {caveat}
              </li>
            ))}
          </ul>
        </details>
      )}
      {hidden && (
        <p class="banner" role="note">
          {hidden}
        </p>
      )}
      {notKept(row.exchange).length > 0 && (
        <p class="banner" role="note">
          Not everything was kept: {notKept(row.exchange).join('; ')}.
        </p>
      )}
      {row.exchange.recoveredByPanel && (
        <p class="banner" role="note">
          Recovered by this panel: the background's service worker was stopped while the handshake ran and missed its events (Chromium drops
          them); the panel's own listeners saw them and handed the exchange over.
        </p>
      )}
      <section aria-label="Findings">
        {findings.length === 0 ? (
          <p class="muted">No findings for this exchange.</p>
        ) : (
          findings.map((finding, index) => <FindingView key={index} finding={finding} />)
        )}
      </section>
      <LegTimeline exchange={row.exchange} onToken={setToken} />
      {token && <TokenPanel key={`${token.leg}-${token.header}`} item={token.item} header={token.header} />}
    </section>
  );
}
