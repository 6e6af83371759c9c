// A command or setting offered as a fix, with its own copy button (a fix is usually one command in a terminal).
import { useState } from 'preact/hooks';
import { copyText } from '../clipboard';

export function CommandLine({ text, label }: { text: string; label?: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <div class="command-line">
      {label && <span class="muted command-label">{label}</span>}
      <pre class="command">{text}</pre>
      <button
        class="copy-command"
        aria-label={`Copy: ${text.length > 60 ? `${text.slice(0, 57)}…` : text}`}
        onClick={() => setCopied(copyText(text))}
      >
        {copied === null ? 'Copy' : copied ? 'Copied' : 'Copy failed'}
      </button>
    </div>
  );
}
