// One finding as the user reads it: its title (the rule id on hover), the evidence it rests on (leg, header, value,
// with the jargon explained on hover), the explanation, the fixes — commands with a copy button each, the reader's
// own system and browser unfolded, the others folded — what the source did not show, and public sources.
import type { Finding, PlatformSetting } from '../../core/diagnosis/finding';
import { type Reader, isReadersSetting, settingPlace } from '../../core/diagnosis/policies';
import { readerOf } from '../../shared/reader';
import { GLOSSARY, termsIn } from '../glossary';
import { CommandLine } from './CommandLine';

const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

/** This panel's reader: the system and browser it runs in. */
export const THIS_READER = readerOf();

/** The glossary entries for the words of a text, as one tooltip. */
export const jargonTitle = (text: string): string | undefined => {
  const terms = termsIn(text);
  return terms.length > 0 ? terms.map((term) => `${term}: ${GLOSSARY[term]}`).join('\n') : undefined;
};

function Settings({ settings, reader }: { settings: readonly PlatformSetting[]; reader: Reader }) {
  const mine = settings.filter((setting) => isReadersSetting(setting, reader));
  const others = settings.filter((setting) => !isReadersSetting(setting, reader));
  const line = (setting: PlatformSetting, index: number) => (
    <CommandLine key={index} label={`${settingPlace(setting)}: ${setting.how}`} text={setting.value} />
  );
  return (
    <>
      {mine.map(line)}
      {others.length > 0 && (
        <details class="other-settings">
          <summary>Other systems and browsers ({[...new Set(others.map(settingPlace))].join(', ')})</summary>
          {others.map(line)}
        </details>
      )}
    </>
  );
}

export function FindingView({
  finding,
  reader = THIS_READER,
  showMissing = true,
  heading,
}: {
  finding: Finding;
  /** Whose settings are unfolded (this panel's system and browser unless told). */
  reader?: Reader;
  /** False when the same note is already on screen (it is said once). */
  showMissing?: boolean;
  /** "Most likely cause" above the title. */
  heading?: string;
}) {
  return (
    <article
      class={`finding ${finding.severity}`}
      aria-label={`${SEVERITY_LABEL[finding.severity]}: ${finding.title}`}
      data-finding={finding.id}
    >
      {heading && <p class="finding-heading">{heading}</p>}
      <header title={`Rule: ${finding.id}`}>
        <span class={`marker ${finding.severity}`} aria-hidden="true" />
        <span class="severity">{SEVERITY_LABEL[finding.severity]}</span> <strong>{finding.title}</strong>
      </header>
      {finding.evidence.length > 0 && (
        <table class="evidence" aria-label="Evidence">
          <tbody>
            {finding.evidence.map((item, index) => (
              <tr key={index} title={jargonTitle(`${item.source} ${item.name} ${item.value}`)}>
                <td class="muted">{item.leg === null ? item.source : `leg ${item.leg + 1} ${item.source}`}</td>
                <td>{item.name}</td>
                <td class="evidence-value">{item.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>{finding.explanation}</p>
      {finding.fixes.length > 0 && (
        <ol class="fixes" aria-label="Fixes">
          {finding.fixes.map((fix, index) => (
            <li key={index}>
              {fix.text}
              {fix.withheld && <span class="muted"> {fix.withheld}</span>}
              {fix.commands?.map((command) => (
                <CommandLine key={command} text={command} />
              ))}
              {fix.settings && fix.settings.length > 0 && <Settings settings={fix.settings} reader={reader} />}
            </li>
          ))}
        </ol>
      )}
      {showMissing && finding.missing && <p class="missing">Not visible here: {finding.missing}</p>}
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
