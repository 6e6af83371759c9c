// The panel for now: a token decoder over the core (paste a header or token, read the decoded tree).
// The live exchange list arrives with the capture and panel issues.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { decodeInput } from '../core/token/input';
import { tokenTree } from '../core/report/token-tree';
import { browser } from '../shared/browser';
import { isPanelResponse, panelRequest } from '../shared/protocol';
import { ProblemList } from './components/ProblemList';
import { SettingsMenu } from './components/SettingsMenu';
import { TokenTreeView } from './components/TokenTreeView';

export function App() {
  const [text, setText] = useState('');
  const [version, setVersion] = useState<string | null>(null);
  const decoded = useMemo(() => (text.trim() ? decodeInput(text) : null), [text]);

  useEffect(() => {
    browser.runtime
      .sendMessage(panelRequest('get-status'))
      .then((reply: unknown) => setVersion(isPanelResponse(reply) ? reply.version : null))
      .catch(() => setVersion(null));
  }, []);

  return (
    <main class="panel">
      <header class="toolbar">
        <strong>AuthScope</strong>
        <span class="muted">{version ? `v${version}` : 'background not reachable'}</span>
        <SettingsMenu />
      </header>
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
    </main>
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
    </section>
  );
}
