// Paste IIS W3C log lines (with their #Fields: header, or lines in IIS's default layout): each client's handshake per
// URL as a story with its finding and fixes, and every line explained — at the panel's full width.
import { useMemo, useState } from 'preact/hooks';
import { explainIisLog } from '../../core/import/iis-log/explain';
import { FindingView } from '../components/FindingView';

export function IisLogView() {
  const [text, setText] = useState('');
  const explained = useMemo(() => (text.trim() ? explainIisLog(text) : null), [text]);
  return (
    <section class="tool-view" aria-label="IIS log explainer">
      <label class="input-label" for="iis-log-input">
        Paste IIS log lines (u_ex*.log), with the <code>#Fields:</code> line if the log has one
      </label>
      <textarea
        id="iis-log-input"
        class="token-input"
        rows={8}
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
          {explained.value.assumedFields && (
            <p class="banner" role="note">
              No <code>#Fields:</code> line: read with IIS’s default fields ({explained.value.assumedFields.join(' ')}).
            </p>
          )}
          {explained.value.bestEffort.length > 0 && (
            <p class="problems warning" role="status">
              Read best-effort: {explained.value.bestEffort.map((item) => item.reason).join('; ')}
            </p>
          )}
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
                  <td>
                    {meaning}
                    {entry.bestEffort ? ' (read best-effort: the line’s values do not match #Fields)' : ''}
                  </td>
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
