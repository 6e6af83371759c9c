// Paste IIS W3C log lines (with their #Fields: header): each client's handshake per URL as a story with its
// finding, and every line explained.
import { useMemo, useState } from 'preact/hooks';
import { explainIisLog } from '../../core/import/iis-log/explain';
import { FindingView } from '../components/FindingView';

export function IisLogView() {
  const [text, setText] = useState('');
  const explained = useMemo(() => (text.trim() ? explainIisLog(text) : null), [text]);
  return (
    <section aria-label="IIS log explainer">
      <label class="input-label" for="iis-log-input">
        Paste IIS log lines (u_ex*.log) including the <code>#Fields:</code> line
      </label>
      <textarea
        id="iis-log-input"
        class="token-input"
        spellcheck={false}
        value={text}
        onInput={(event) => setText((event.currentTarget as HTMLTextAreaElement).value)}
      />
      {explained && !explained.ok && (
        <p role="alert" class="problems error">
          {explained.error.message} ({explained.error.code})
        </p>
      )}
      {explained?.ok && (
        <>
          {explained.value.stories.map((story, index) => (
            <FindingView key={index} finding={story.finding} />
          ))}
          <table class="log-lines" aria-label="Log lines explained">
            <thead>
              <tr>
                <th>line</th>
                <th>client</th>
                <th>URL</th>
                <th>status</th>
                <th>meaning</th>
              </tr>
            </thead>
            <tbody>
              {explained.value.entries.map(({ entry, status, severity, meaning }) => (
                <tr key={entry.line} class={severity}>
                  <td>{entry.line}</td>
                  <td>{entry.clientIp ?? '-'}</td>
                  <td>{entry.uri}</td>
                  <td>
                    {status} {entry.win32Status ?? ''}
                  </td>
                  <td>{meaning}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {explained.value.skipped.length > 0 && (
            <p class="muted">Lines not read: {explained.value.skipped.map((skip) => `${skip.line} (${skip.reason})`).join('; ')}</p>
          )}
        </>
      )}
    </section>
  );
}
