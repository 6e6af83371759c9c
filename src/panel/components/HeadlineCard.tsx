// The answer, first: the outcome in words, the mechanism (read or inferred, and from what), the next step, and why
// the browser hid the rest when it did. The likely cause's rule id is on hover only.
import type { MechanismReading } from '../../core/exchange/mechanism';
import type { Headline } from '../../core/report/headline';
import { mechanismShortText, mechanismText } from '../../core/report/mechanism-text';
import { jargonTitle } from './FindingView';

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function HeadlineCard({
  headline,
  reading,
  hiddenNote,
  predictedSpn,
}: {
  headline: Headline;
  reading: MechanismReading;
  /** What the browser hid and how to see it, said once on the screen (here). */
  hiddenNote: string | null;
  predictedSpn: string | null;
}) {
  return (
    <section
      class={`headline ${headline.verdict}`}
      aria-label="Answer"
      data-verdict={headline.verdict}
      data-mechanism={headline.mechanism ?? 'none'}
      data-cause={headline.cause ?? 'none'}
      data-transient={String(headline.transient)}
    >
      <p class="headline-sentence">
        <strong class="outcome" title={headline.cause ? `Most likely cause — rule ${headline.cause}` : undefined}>
          {headline.label}
        </strong>
        {' — '}
        <span class="what">{capitalized(headline.what)}</span>
      </p>
      <p
        class="headline-mechanism"
        title={jargonTitle(reading.mechanism === 'kerberos' ? 'Kerberos' : reading.mechanism === 'ntlm' ? 'NTLM' : '')}
      >
        Mechanism:{' '}
        <span data-mechanism-evidence={reading.evidence ?? 'none'}>
          <strong>{mechanismShortText(reading)}</strong>
          {mechanismText(reading).slice(mechanismShortText(reading).length)}
        </span>
        {predictedSpn && <> · SPN the browser will ask for: {predictedSpn}</>}
      </p>
      {reading.evidence !== 'client-token' && reading.facts.length > 0 && (
        <details class="mechanism-facts">
          <summary>What the mechanism rests on</summary>
          <ul>
            {reading.facts.map((fact, index) => (
              <li key={index}>
                {fact.leg !== null && <span class="muted">leg {fact.leg + 1} · </span>}
                {fact.name}: {fact.value}
              </li>
            ))}
            {reading.caveats.map((caveat, index) => (
              <li key={`caveat-${index}`} class="caveat">
                {caveat}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p class="headline-next">
        <strong>Next:</strong> <span class="next">{headline.next}</span>
      </p>
      {hiddenNote && <p class="hidden-note">{hiddenNote}</p>}
    </section>
  );
}
