// The glossary: every word of Windows authentication the panel uses, in plain sentences (the same texts as the
// tooltips), as a popover from the header.
import { GLOSSARY } from '../glossary';

export function Glossary() {
  return (
    <details class="glossary overflow">
      <summary title="What the words mean">Glossary</summary>
      <div class="popover" role="region" aria-label="Glossary">
        <dl>
          {Object.entries(GLOSSARY).map(([term, text]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{text}</dd>
            </div>
          ))}
        </dl>
      </div>
    </details>
  );
}
