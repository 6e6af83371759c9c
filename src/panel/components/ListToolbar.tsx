// One row of tools over the list: the filter and its toggles, Clear and Preserve log, Copy diagnosis (the selected
// exchange) and Copy all, and a "⋯" menu with the redaction choices and the HAR export. Docked narrow, Clear and
// Preserve log move into the menu too, so the first row stays near the top.
import { useEffect, useState } from 'preact/hooks';
import type { Redaction } from '../../core/export/har';
import { useStore } from '../state/context';
import type { MechanismFilter } from '../state/store';

export interface CopyChoices {
  readonly includeIdentities: boolean;
  readonly includeRawTokens: boolean;
}

/** Below this width the toolbar keeps only the filter, its toggles and the copies in its row (the panel is the
 *  window: a media query follows it without measuring anything). */
const NARROW = '(max-width: 719px)';

function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => typeof matchMedia === 'function' && matchMedia(NARROW).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return undefined;
    const query = matchMedia(NARROW);
    const changed = () => setNarrow(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  return narrow;
}

export function ListToolbar({
  choices,
  onChoices,
  onCopySelected,
  onCopyAll,
  onExport,
  copyStatus,
}: {
  choices: CopyChoices;
  onChoices: (choices: CopyChoices) => void;
  /** Null without a selection. */
  onCopySelected: (() => void) | null;
  onCopyAll: () => void;
  onExport: (tokens: Redaction) => void;
  copyStatus: string | null;
}) {
  const store = useStore();
  const narrow = useNarrow();
  const [exportTokens, setExportTokens] = useState<Redaction>('mask');
  const toggle = (value: MechanismFilter) => (store.mechanism.value = store.mechanism.value === value ? 'all' : value);
  const listControls = (
    <>
      <button onClick={() => store.clear()} title="Hide everything captured so far (like the Network panel's Clear)">
        Clear
      </button>
      <label title="Keep the list when the page navigates">
        <input
          type="checkbox"
          checked={store.preserveLog.value}
          onChange={(event) => (store.preserveLog.value = (event.currentTarget as HTMLInputElement).checked)}
        />
        Preserve log
      </label>
    </>
  );
  return (
    <div class="list-toolbar" role="toolbar" aria-label="Exchange list">
      <div class="toolbar-row">
        <input
          type="search"
          placeholder="Filter"
          aria-label="Filter exchanges"
          value={store.filterText.value}
          onInput={(event) => (store.filterText.value = (event.currentTarget as HTMLInputElement).value)}
        />
        <button
          aria-pressed={store.problemsOnly.value}
          title="Only exchanges with errors or warnings"
          onClick={() => (store.problemsOnly.value = !store.problemsOnly.value)}
        >
          Problems
        </button>
        <button aria-pressed={store.mechanism.value === 'kerberos'} onClick={() => toggle('kerberos')}>
          Kerberos
        </button>
        <button aria-pressed={store.mechanism.value === 'ntlm'} onClick={() => toggle('ntlm')}>
          NTLM
        </button>
        {!narrow && listControls}
        <span class="spacer" />
        <button
          class="primary"
          disabled={!onCopySelected}
          title={onCopySelected ? 'Copy the selected exchange’s diagnosis as Markdown, sized for a ticket' : 'Select an exchange first'}
          onClick={() => onCopySelected?.()}
        >
          Copy diagnosis
        </button>
        <button onClick={onCopyAll} title="Copy every exchange in the list: each one’s summary, each cause’s fixes once">
          Copy all
        </button>
        <details class="overflow">
          <summary aria-label="More actions" title="More actions">
            ⋯
          </summary>
          <div class="popover">
            {narrow && <div class="popover-row">{listControls}</div>}
            <label>
              <input
                type="checkbox"
                name="include-identities"
                checked={choices.includeIdentities}
                onChange={(event) => onChoices({ ...choices, includeIdentities: (event.currentTarget as HTMLInputElement).checked })}
              />
              Copies include identities (user, workstation, realm)
            </label>
            <label title="Raw tokens are credentials: anyone who gets them may replay them while they are valid.">
              <input
                type="checkbox"
                name="include-raw-tokens"
                checked={choices.includeRawTokens}
                onChange={(event) => onChoices({ ...choices, includeRawTokens: (event.currentTarget as HTMLInputElement).checked })}
              />
              Copies include raw tokens (credentials!)
            </label>
            <div class="popover-row">
              <label>
                HAR tokens{' '}
                <select
                  aria-label="Tokens in the exported HAR"
                  value={exportTokens}
                  onChange={(event) => setExportTokens((event.currentTarget as HTMLSelectElement).value as Redaction)}
                >
                  <option value="mask">masked</option>
                  <option value="remove">removed</option>
                  <option value="none">kept (credentials!)</option>
                </select>
              </label>
              <button onClick={() => onExport(exportTokens)}>Export HAR</button>
            </div>
          </div>
        </details>
      </div>
      {choices.includeRawTokens && (
        <p class="problems warning" role="alert">
          ⚠ Raw tokens are credentials (Kerberos tickets, NTLM responses): share the copy only with people you would give your password to.
        </p>
      )}
      {copyStatus && (
        <p role="status" class="muted copy-status">
          {copyStatus}
        </p>
      )}
    </div>
  );
}
