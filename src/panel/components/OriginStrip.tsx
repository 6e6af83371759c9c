// Per-origin summary: "intranet.lab.test: Kerberos ✓ 12 · NTLM 0 · failures 0".
import type { OriginSummary } from '../state/exchange-row';

const count = new Intl.NumberFormat('en');

export function OriginStrip({ origins, indexed, total }: { origins: readonly OriginSummary[]; indexed: number; total: number }) {
  if (origins.length === 0 && indexed === total) return null;
  return (
    <ul class="origins" aria-label="Origins">
      {indexed < total && (
        <li class="muted" role="status">
          diagnosing {count.format(indexed)} of {count.format(total)}…
        </li>
      )}
      {origins.map((origin) => (
        <li key={origin.origin} class={origin.failures > 0 ? 'has-failures' : undefined}>
          <strong>{origin.host}</strong>: Kerberos ✓ {origin.kerberos} · NTLM {origin.ntlm} · failures {origin.failures}
        </li>
      ))}
    </ul>
  );
}
