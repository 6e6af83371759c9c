// Paste a token or a whole auth header: the decoded tree, decode problems, and the findings a lone token supports.
import { useMemo, useState } from 'preact/hooks';
import { diagnoseToken } from '../../core/diagnosis/token-findings';
import { summarizeDecoded } from '../../core/decode/token/summary';
import { tokenTree } from '../../core/report/token-tree';
import { decodeInput } from '../../core/decode/token/input';
import { FindingView } from '../components/FindingView';
import { ProblemList } from '../components/ProblemList';
import { TokenTreeView } from '../components/TokenTreeView';

export function DecoderView() {
  const [text, setText] = useState('');
  const decoded = useMemo(() => (text.trim() ? decodeInput(text) : null), [text]);
  return (
    <section aria-label="Token decoder">
      <label class="input-label" for="token-input">
        Paste a token or an auth header (<code>WWW-Authenticate: Negotiate oRQw…</code>, <code>NTLM TlRM…</code>, <code>YII…</code>)
      </label>
      <textarea
        id="token-input"
        class="token-input"
        spellcheck={false}
        value={text}
        onInput={(event) => setText((event.currentTarget as HTMLTextAreaElement).value)}
      />
      {decoded && <DecodeResult decoded={decoded} />}
    </section>
  );
}

function DecodeResult({ decoded }: { decoded: ReturnType<typeof decodeInput> }) {
  const { result, inputWarnings } = decoded;
  if (!result.ok) {
    return (
      <section aria-label="Decode error">
        <ProblemList title="Not decodable" problems={[result.error]} severity="error" />
      </section>
    );
  }
  return (
    <section aria-label="Decoded token">
      <TokenTreeView root={tokenTree(result.value.token)} />
      <ProblemList title="Warnings" problems={[...inputWarnings, ...result.warnings]} severity="warning" />
      {diagnoseToken(summarizeDecoded(result.value)).map((finding, index) => (
        <FindingView key={index} finding={finding} />
      ))}
    </section>
  );
}
