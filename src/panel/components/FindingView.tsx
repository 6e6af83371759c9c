// One finding as the user reads it: severity and title, the evidence it rests on (leg, header, value), the
// explanation, the fixes with their commands and settings, and what the source did not show.
import type { Finding } from '../../core/diagnosis/finding';

const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Info' } as const;

export function FindingView({ finding }: { finding: Finding }) {
  return (
    <article
      class={`finding ${finding.severity}`}
      aria-label={`${SEVERITY_LABEL[finding.severity]}: ${finding.title}`}
      data-finding={finding.id}
    >
      <header>
        <span class={`marker ${finding.severity}`} aria-hidden="true" />
        <strong>{finding.title}</strong> <code class="rule-id">{finding.id}</code>
      </header>
      <table class="evidence" aria-label="Evidence">
        <tbody>
          {finding.evidence.map((item, index) => (
            <tr key={index}>
              <td class="muted">{item.leg === null ? item.source : `leg ${item.leg + 1} ${item.source}`}</td>
              <td>{item.name}</td>
              <td class="evidence-value">{item.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{finding.explanation}</p>
      {finding.fixes.length > 0 && (
        <ol class="fixes" aria-label="Fixes">
          {finding.fixes.map((fix, index) => (
            <li key={index}>
              {fix.text}
              {fix.withheld && <span class="muted"> {fix.withheld}</span>}
              {fix.commands?.map((command) => (
                <pre key={command} class="command">
                  {command}
                </pre>
              ))}
              {fix.settings && fix.settings.length > 0 && (
                <details>
                  <summary>Settings ({[...new Set(fix.settings.map((setting) => setting.platform))].join(', ')})</summary>
                  {fix.settings.map((setting, settingIndex) => (
                    <div key={settingIndex} class="setting">
                      <span class="muted">
                        {setting.platform}: {setting.how}
                      </span>
                      <pre class="command">{setting.value}</pre>
                    </div>
                  ))}
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
      {finding.missing && <p class="missing">Not visible here: {finding.missing}</p>}
      {finding.sources.length > 0 && (
        <p class="sources muted">
          Sources:{' '}
          {finding.sources.map((source, index) => (
            <span key={source.url}>
              {index > 0 && ' · '}
              <a href={source.url} target="_blank" rel="noreferrer noopener">
                {source.title}
              </a>
            </span>
          ))}
        </p>
      )}
    </article>
  );
}
