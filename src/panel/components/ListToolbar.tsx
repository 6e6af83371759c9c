// Filter box and toggles, Clear, Preserve log, and Copy diagnosis with its redaction choices.
import { useState } from 'preact/hooks';
import { useStore } from '../state/context';
import type { MechanismFilter } from '../state/store';
import type { Redaction } from '../../core/export/har';

export interface CopyChoices {
  readonly includeIdentities: boolean;
  readonly includeRawTokens: boolean;
}

export function ListToolbar({
  onCopy,
  onExport,
  copyStatus,
}: {
  onCopy: (choices: CopyChoices) => void;
  onExport: (tokens: Redaction) => void;
  copyStatus: string | null;
}) {
  const store = useStore();
  const [exportTokens, setExportTokens] = useState<Redaction>('mask');
  const [includeIdentities, setIncludeIdentities] = useState(false);
  const [includeRawTokens, setIncludeRawTokens] = useState(false);
  const toggle = (value: MechanismFilter) => (store.mechanism.value = store.mechanism.value === value ? 'all' : value);
  return (
    <div class="list-toolbar" role="toolbar" aria-label="Exchange list">
      <input
        type="search"
        placeholder="Filter"
        aria-label="Filter exchanges"
        value={store.filterText.value}
        onInput={(event) => (store.filterText.value = (event.currentTarget as HTMLInputElement).value)}
      />
      <button aria-pressed={store.problemsOnly.value} onClick={() => (store.problemsOnly.value = !store.problemsOnly.value)}>
        Problems
      </button>
      <button aria-pressed={store.mechanism.value === 'kerberos'} onClick={() => toggle('kerberos')}>
        Kerberos
      </button>
      <button aria-pressed={store.mechanism.value === 'ntlm'} onClick={() => toggle('ntlm')}>
        NTLM
      </button>
      <button onClick={() => store.clear()}>Clear</button>
      <label>
        <input
          type="checkbox"
          checked={store.preserveLog.value}
          onChange={(event) => (store.preserveLog.value = (event.currentTarget as HTMLInputElement).checked)}
        />
        Preserve log
      </label>
      <span class="spacer" />
      <label>
        <input
          type="checkbox"
          name="include-identities"
          checked={includeIdentities}
          onChange={(event) => setIncludeIdentities((event.currentTarget as HTMLInputElement).checked)}
        />
        Include identities
      </label>
      <label title="Raw tokens are credentials: anyone who gets them may replay them while they are valid.">
        <input
          type="checkbox"
          checked={includeRawTokens}
          onChange={(event) => setIncludeRawTokens((event.currentTarget as HTMLInputElement).checked)}
        />
        Include raw tokens
      </label>
      <button class="primary" onClick={() => onCopy({ includeIdentities, includeRawTokens })}>
        Copy diagnosis
      </button>
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
      {includeRawTokens && (
        <span class="problems warning" role="alert">
          ⚠ Raw tokens are credentials (Kerberos tickets, NTLM responses): share the copy only with people you would give your password to.
        </span>
      )}
      {copyStatus && (
        <span role="status" class="muted">
          {copyStatus}
        </span>
      )}
    </div>
  );
}
