// Paste a token or a whole auth header: a plain-English verdict, the decoded tree beside its hex bytes, decode
// problems, and the findings a lone token supports — at the panel's full width.
import { useMemo, useState } from 'preact/hooks';
import { decodeInput } from '../../core/decode/token/input';
import { DecodedTokenView } from '../components/DecodedTokenView';
import { ProblemList } from '../components/ProblemList';

export function DecoderView() {
  const [text, setText] = useState('');
  const decoded = useMemo(() => (text.trim() ? decodeInput(text) : null), [text]);
  return (
    <section class="tool-view" aria-label="Token decoder">
      <label class="input-label" for="token-input">
        Paste a token or an auth header (<code>WWW-Authenticate: Negotiate oRQw…</code>, <code>NTLM TlRM…</code>, <code>YII…</code>)
      </label>
      <textarea
        id="token-input"
        class="token-input"
        rows={6}
        spellcheck={false}
        value={text}
        onInput={(event) => setText((event.currentTarget as HTMLTextAreaElement).value)}
      />
      {decoded &&
        (decoded.result.ok ? (
          <section aria-label="Decoded token" class="token-panel">
            <DecodedTokenView
              decoded={decoded.result.value}
              warnings={[...decoded.inputWarnings, ...decoded.result.warnings]}
              withFindings
            />
          </section>
        ) : (
          <section aria-label="Decode error">
            <ProblemList title="Not decodable" problems={[decoded.result.error]} severity="error" />
          </section>
        ))}
    </section>
  );
}
