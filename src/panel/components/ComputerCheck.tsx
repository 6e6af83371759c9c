// "Ask this computer": what this computer's Kerberos library, policies and curl say about the exchange's URL, next to
// what the browser showed — the companion's findings with their evidence ("this computer: kvno said …").
import { useState } from 'preact/hooks';
import { likelyCause } from '../../core/diagnosis/rank';
import type { ComputerAnswer } from '../companion';
import { FindingView } from './FindingView';

export function ComputerCheck({ url, ask }: { url: string; ask: (url: string) => Promise<ComputerAnswer> }) {
  const [state, setState] = useState<'idle' | 'asking' | ComputerAnswer>('idle');
  const result = typeof state === 'object' ? state : null;
  const answer = result && 'answer' in result ? result.answer : null;
  const cause = answer ? likelyCause(answer.findings) : null;
  return (
    <section
      class="computer-check"
      aria-label="This computer"
      data-probe={answer ? answer.findings.map((finding) => finding.id).join(',') : state === 'asking' ? 'asking' : 'none'}
    >
      <p class="computer-check-intro">
        <button
          disabled={state === 'asking'}
          onClick={() => {
            setState('asking');
            void ask(url).then(setState);
          }}
        >
          {answer ? 'Ask again' : 'Ask this computer'}
        </button>{' '}
        <span class="muted">
          Runs <code>authscope probe</code> here: the SPN, your Kerberos ticket, the browser’s policy, and the handshake with curl.
        </span>
      </p>
      {result && 'error' in result && (
        <p role="status" class="problems warning">
          {result.error}
          {result.install && (
            <>
              {' '}
              Install it once: <code>{result.install}</code>
            </>
          )}
        </p>
      )}
      {answer && (
        <>
          <ul class="computer-facts">
            <li>SPN: {answer.spn}</li>
            {answer.credentials && (
              <li>
                Ticket-granting ticket: {answer.credentials.tgt ? 'yes' : 'no'} — {answer.credentials.said}
              </li>
            )}
            {answer.ticket && (
              <li>
                Service ticket: {answer.ticket.ok ? 'obtained' : `refused (${answer.ticket.error ?? 'unknown'})`} — {answer.ticket.said}
              </li>
            )}
            {answer.policy && <li>Browser policy: {answer.policy.basis}</li>}
            {answer.handshake && (
              <li>
                Handshake with curl: {answer.handshake.outcome}
                {answer.handshake.mechanism ? `, ${answer.handshake.mechanism}` : ''}
              </li>
            )}
            {answer.missing.map((missing) => (
              <li key={missing} class="muted">
                Not checked, missing: {missing}
              </li>
            ))}
          </ul>
          {answer.findings.length === 0 && <p class="muted">This computer sees nothing wrong.</p>}
          {answer.findings.map((finding, index) => (
            <FindingView key={index} finding={finding} heading={finding === cause ? 'This computer says' : undefined} />
          ))}
        </>
      )}
    </section>
  );
}
