// The selected exchange: what the browser hid, its findings (the answer), its legs, the token chosen in them
// (tree + hex), and a copy action for this exchange alone.
import { useEffect, useState } from 'preact/hooks';
import type { ExchangeRow } from '../../core/report/exchange-row';
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

export function DetailPane({ row, onCopy }: { row: ExchangeRow; onCopy: (row: ExchangeRow) => void }) {
  const [token, setToken] = useState<TokenChoice | null>(() => defaultToken(row));
  useEffect(() => setToken(defaultToken(row)), [row]);
  const findings = row.findings;
  return (
    <section class="detail" aria-label="Exchange details">
      <header class="detail-header">
        <h2>
          {row.method} {row.url}
        </h2>
        <button onClick={() => onCopy(row)}>Copy this exchange</button>
      </header>
      {row.exchange.hiddenLegs && (
        <p class="banner" role="note">
          This browser hid the legs that carry its own tokens (Chromium shows extensions only the first 401 and the final response). To see
          every leg, token sizes, the SPN asked for and the GSSAPI/SSPI result, record a NetLog at chrome://net-export (edge://net-export in
          Edge) while reproducing, and open it in AuthScope.
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
