// Per-origin summary from the outcome the list shows: "intranet.lab.test: Kerberos OK 12 · NTLM 0 · failed 0 ·
// warnings 0". One line; it scrolls sideways rather than pushing the list down.
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
        <li
          key={origin.origin}
          class={origin.failed > 0 ? 'has-failures' : origin.warnings > 0 ? 'has-warnings' : undefined}
          title={`${origin.exchanges} ${origin.exchanges === 1 ? 'exchange' : 'exchanges'} with ${origin.origin}`}
        >
          <strong>{origin.host}</strong>: Kerberos OK {count.format(origin.kerberosOk)} · NTLM {count.format(origin.ntlm)} · failed{' '}
          {count.format(origin.failed)} · warnings {count.format(origin.warnings)}
        </li>
      ))}
    </ul>
  );
}
