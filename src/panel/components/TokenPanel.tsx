// One token of a leg decoded as a tree beside its hex bytes; the prefix heuristic is shown next to the real
// classification when they disagree. Without the raw token (hidden, or not kept) only its summary is shown.
import { useMemo, useState } from 'preact/hooks';
import type { AuthItem } from '../../core/exchange/model';
import { tokenTree } from '../../core/report/token-tree';
import type { ByteRange } from '../../core/decode/result';
import { decodeToken } from '../../core/decode/token/decode';
import { HexView } from './HexView';
import { ProblemList } from './ProblemList';
import { TokenTreeView } from './TokenTreeView';

const PREFIX_LABEL = {
  'spnego-or-kerberos': 'YII… (SPNEGO / Kerberos)',
  ntlm: 'TlRM… (NTLM)',
  'spnego-resp': 'oR… (SPNEGO answer)',
} as const;

export function TokenPanel({ item, header }: { item: AuthItem; header: string }) {
  const [selected, setSelected] = useState<ByteRange | null>(null);
  const decoded = useMemo(() => (item.token ? decodeToken(item.token) : null), [item.token]);
  if (!decoded) {
    return (
      <section class="token-panel" aria-label={`${header} token`}>
        <h3>{header}</h3>
        {item.summary ? (
          <p>
            {item.scheme}: {item.summary.kind}, {item.summary.mechanism ?? 'no mechanism'}, {item.summary.byteLength} bytes
            {item.summary.spn ? `, SPN ${item.summary.spn}` : ''}. Raw token not kept (Settings → Keep raw tokens).
          </p>
        ) : (
          <p>{item.scheme} (no token)</p>
        )}
      </section>
    );
  }
  if (!decoded.ok) {
    return (
      <section class="token-panel" aria-label={`${header} token`}>
        <h3>{header}</h3>
        <ProblemList title="Not decodable" problems={[decoded.error]} severity="error" />
      </section>
    );
  }
  const { token, bytes, prefixHint } = decoded.value;
  const misleading = decoded.warnings.some((warning) => warning.code === 'prefix-misleading');
  return (
    <section class="token-panel" aria-label={`${header} token`}>
      <h3>
        {header}: {item.scheme} · {token.kind} · {bytes.length} bytes
      </h3>
      {misleading && prefixHint && (
        <p class="problems warning" role="status">
          The prefix says {PREFIX_LABEL[prefixHint]}, the bytes say {token.kind} ({token.mechanism ?? 'no mechanism'}).
        </p>
      )}
      <div class="token-views">
        <TokenTreeView root={tokenTree(token)} selected={selected} onSelect={setSelected} />
        <HexView bytes={bytes} highlight={selected} />
      </div>
      <ProblemList title="Warnings" problems={decoded.warnings} severity="warning" />
    </section>
  );
}
