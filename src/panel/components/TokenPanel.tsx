// One token of a leg, decoded. Without the raw token (hidden, or not kept) only its summary is shown.
import { useMemo } from 'preact/hooks';
import { decodeToken } from '../../core/decode/token/decode';
import type { AuthItem } from '../../core/exchange/model';
import { DecodedTokenView } from './DecodedTokenView';
import { ProblemList } from './ProblemList';

export function TokenPanel({ item, header }: { item: AuthItem; header: string }) {
  const decoded = useMemo(() => (item.token ? decodeToken(item.token) : null), [item.token]);
  return (
    <section class="token-panel" aria-label={`${header} token`}>
      {!decoded ? (
        <>
          <h3>{header}</h3>
          {item.summary ? (
            <p>
              {item.scheme}: {item.summary.kind}, {item.summary.mechanism ?? 'no mechanism'}, {item.summary.byteLength} bytes
              {item.summary.spn ? `, SPN ${item.summary.spn}` : ''}. Raw token not kept (Settings → Keep raw tokens).
            </p>
          ) : (
            <p>{item.scheme} (no token)</p>
          )}
        </>
      ) : !decoded.ok ? (
        <>
          <h3>{header}</h3>
          <ProblemList title="Not decodable" problems={[decoded.error]} severity="error" />
        </>
      ) : (
        <>
          <h3>
            {header}: {item.scheme} · {decoded.value.token.kind} · {decoded.value.bytes.length} bytes
          </h3>
          <DecodedTokenView decoded={decoded.value} warnings={decoded.warnings} />
        </>
      )}
    </section>
  );
}
