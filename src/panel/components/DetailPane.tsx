// The selected exchange, answer first: the headline (outcome, mechanism, next step), the most likely cause with its
// evidence and fixes, the other checks folded, then the legs and the token chosen in them (tree + hex). Each note
// is said once on the screen.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { hiddenLegsNote } from '../../core/diagnosis/advice/common';
import { diagnoseExchange } from '../../core/diagnosis/findings';
import { likelyCause, otherChecks } from '../../core/diagnosis/rank';
import { notKept } from '../../core/exchange/limits';
import { headlineOf, signedInLater } from '../../core/report/headline';
import type { ExchangeRow } from '../state/exchange-row';
import type { ComputerAnswer } from '../companion';
import { ComputerCheck } from './ComputerCheck';
import { FindingView } from './FindingView';
import { HeadlineCard } from './HeadlineCard';
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
  rows,
  predictSpn,
  askComputer,
}: {
  row: ExchangeRow;
  /** Every row of the list: a later sign-in at the same address makes this failure probably transient. */
  rows: readonly ExchangeRow[];
  /** Predicts the SPN the browser will ask for (Firefox, from DNS); absent where the browser cannot. */
  predictSpn?: ((url: string) => Promise<string | null>) | undefined;
  /** Asks this computer about the URL (the companion); absent where there is none to ask (an imported file). */
  askComputer?: ((url: string) => Promise<ComputerAnswer>) | undefined;
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
  const cause = likelyCause(findings);
  const others = otherChecks(findings, cause);
  const transient = useMemo(
    () =>
      signedInLater(
        row.exchange,
        rows.map((other) => other.exchange),
      ),
    [row, rows],
  );
  const headline = headlineOf(row.exchange, findings, { transient });
  const hidden = hiddenLegsNote(row.exchange);
  // Said once: a finding's "not visible" note that the headline card (or an earlier finding) already shows is left out.
  const said = new Set<string>(hidden ? [hidden] : []);
  const sayOnce = (text: string | null) => {
    if (!text || said.has(text)) return false;
    said.add(text);
    return true;
  };
  const kept = notKept(row.exchange);
  return (
    <section class="detail" aria-label="Exchange details">
      <header class="detail-header">
        <h2>
          {row.method} {row.url}
        </h2>
      </header>
      <HeadlineCard headline={headline} reading={row.summary.mechanismReading} hiddenNote={hidden} predictedSpn={predictedSpn} />
      {kept.length > 0 && (
        <p class="banner" role="note">
          Not everything was kept: {kept.join('; ')}.
        </p>
      )}
      {row.exchange.recoveredByPanel && (
        <p class="banner" role="note">
          Recovered by this panel: the background's service worker was stopped while the handshake ran and missed its events (Chromium drops
          them); the panel's own listeners saw them and handed the exchange over.
        </p>
      )}
      <section aria-label="Findings">
        {cause && <FindingView finding={cause} heading="Most likely cause" showMissing={sayOnce(cause.missing)} />}
        {others.length > 0 && (
          <details class="other-checks">
            <summary>
              {cause ? 'Other checks' : 'Notes'} ({others.length})
            </summary>
            {others.map((finding, index) => (
              <FindingView key={index} finding={finding} showMissing={sayOnce(finding.missing)} />
            ))}
          </details>
        )}
      </section>
      {askComputer && row.summary.offered.length > 0 && <ComputerCheck key={row.url} url={row.url} ask={askComputer} />}
      <details class="legs-section" open>
        <summary title="One leg is one request and its response in the sign-in handshake">Legs ({row.exchange.legs.length})</summary>
        <LegTimeline exchange={row.exchange} onToken={setToken} />
      </details>
      {token && <TokenPanel key={`${token.leg}-${token.header}`} item={token.item} header={token.header} />}
    </section>
  );
}
