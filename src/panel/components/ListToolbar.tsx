// Filter box and toggles, Clear, Preserve log, and Copy diagnosis with its redaction choices.
import { useState } from 'preact/hooks';
import { useStore } from '../state/context';
import type { MechanismFilter } from '../state/store';

export interface CopyChoices {
  readonly includeIdentities: boolean;
  readonly includeRawTokens: boolean;
}

export function ListToolbar({ onCopy, copyStatus }: { onCopy: (choices: CopyChoices) => void; copyStatus: string | null }) {
  const store = useStore();
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
