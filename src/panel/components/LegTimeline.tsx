// The legs of one exchange in order: each request with the credentials it carried (or "hidden by the browser")
// and each response with its challenges, server identity (http.sys = kernel mode), Persistent-Auth and proxy hints.
import { describeAuthItem } from '../../core/diagnosis/evidence';
import { HTTP_SYS_SERVER } from '../../core/diagnosis/rules/kernel-mode';
import type { AuthItem, Exchange } from '../../core/exchange/model';

export interface TokenChoice {
  readonly leg: number;
  readonly header: string;
  readonly item: AuthItem;
}

const time = (ms: number | null, start: number) => (ms === null ? '' : `+${Math.max(0, Math.round(ms - start))} ms`);

export function LegTimeline({ exchange, onToken }: { exchange: Exchange; onToken: (choice: TokenChoice) => void }) {
  const tokenButton = (leg: number, header: string, item: AuthItem) => (
    <button class="link" onClick={() => onToken({ leg, header: `Leg ${leg + 1} ${header}`, item })} disabled={!item.summary && !item.token}>
      {header}: {describeAuthItem(item)}
    </button>
  );
  return (
    <ol class="legs" aria-label="Legs">
      {exchange.legs.map((leg, index) => (
        <li key={index} class="leg">
          <div class="leg-request">
            <span class="muted">leg {index + 1} →</span>{' '}
            {leg.request === null ? (
              <em>request hidden by the browser</em>
            ) : (
              <>
                {exchange.method} {time(leg.request.time, exchange.startedAt)}
                {leg.request.credentials && tokenButton(index, 'Authorization', leg.request.credentials)}
                {leg.request.proxyCredentials && tokenButton(index, 'Proxy-Authorization', leg.request.proxyCredentials)}
                {!leg.request.credentials && !leg.request.proxyCredentials && <span class="muted"> no credentials</span>}
                {leg.request.headBytes !== null && <span class="muted"> · request {leg.request.headBytes} bytes</span>}
              </>
            )}
          </div>
          <div class="leg-response">
            <span class="muted">leg {index + 1} ←</span>{' '}
            {leg.response === null ? (
              <em>no response seen</em>
            ) : (
              <>
                <strong class={leg.response.status >= 400 ? 'status-error' : 'status-ok'}>
                  {leg.response.statusLine || leg.response.status}
                </strong>{' '}
                {time(leg.response.time, exchange.startedAt)}
                {leg.response.challenges.map((item, itemIndex) => (
                  <span key={itemIndex}> {tokenButton(index, 'WWW-Authenticate', item)}</span>
                ))}
                {leg.response.proxyChallenges.map((item, itemIndex) => (
                  <span key={`p${itemIndex}`}> {tokenButton(index, 'Proxy-Authenticate', item)}</span>
                ))}
                {leg.response.server && (
                  <span class="muted">
                    {' '}
                    · Server: {leg.response.server}
                    {leg.response.server === HTTP_SYS_SERVER ? ' (answered by http.sys: kernel-mode authentication)' : ''}
                  </span>
                )}
                {leg.response.persistentAuth && <span class="muted"> · Persistent-Auth: {leg.response.persistentAuth}</span>}
                {leg.response.connection && <span class="muted"> · Connection: {leg.response.connection}</span>}
                {leg.response.proxyHints.length > 0 && <span class="muted"> · proxy: {leg.response.proxyHints.join(', ')}</span>}
              </>
            )}
          </div>
        </li>
      ))}
      {exchange.prompts.map((prompt, index) => (
        <li key={`prompt-${index}`} class="leg prompt">
          credential prompt: {prompt.scheme} from {prompt.challenger}
          {prompt.isProxy ? ' (proxy)' : ''}
        </li>
      ))}
      {exchange.error && <li class="leg status-error">✕ {exchange.error}</li>}
    </ol>
  );
}
