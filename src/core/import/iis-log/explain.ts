// Explains IIS log lines the way “HOWTO: Diagnose 401.x HTTP errors on IIS” and “Windows Authentication HTTP Request Flow in IIS” read them: "401 2 5" is the anonymous first
// request every handshake starts with, "401 1 2148074254" the NTLM CHALLENGE leg, "200 0 0" success; anything
// else is decoded by substatus and sc-win32-status name. Lines of one client and URL become handshake stories.
import type { Evidence, Finding, FindingSeverity } from '../../diagnosis/finding';
import { LOOP_FIXES } from '../../diagnosis/advice/auth-loop';
import { IIS_401_SUBSTATUS_FIXES, IIS_401_SUBSTATUS_MEANINGS } from '../../diagnosis/advice/iis-substatus';
import { PREAUTH_FIXES } from '../../diagnosis/advice/preauth-first-request';
import { SOURCES } from '../../diagnosis/advice/sources';
import { IIS_401_SUBSTATUS_NAMES } from '../../diagnosis/rules/iis-substatus';
import { KERBEROS_MIN_REQUEST_BYTES, NTLM_MAX_REQUEST_BYTES } from '../../exchange/mechanism';
import { type Result, ok } from '../../decode/result';
import { type LogEntry, parseW3cLog } from './parse';
import { describeWin32Status, win32StatusName } from './status-codes';

const SEC_E_NO_CREDENTIALS = 0x8009030e;
const ERROR_ACCESS_DENIED = 5;

export interface ExplainedEntry {
  readonly entry: LogEntry;
  /** "401.1", "200" */
  readonly status: string;
  readonly severity: FindingSeverity | 'ok';
  readonly meaning: string;
}

export interface LogStory {
  readonly clientIp: string | null;
  readonly uri: string;
  readonly entries: readonly ExplainedEntry[];
  /** "401.2 → 401.1 → 200" */
  readonly chain: string;
  readonly finding: Finding;
}

export interface ExplainedLog {
  readonly entries: readonly ExplainedEntry[];
  readonly stories: readonly LogStory[];
  /** Lines that could not be read, with their line numbers. */
  readonly skipped: readonly { readonly line: number; readonly reason: string }[];
  /** Lines read best-effort (their value count differs from #Fields), with why. */
  readonly bestEffort: readonly { readonly line: number; readonly reason: string }[];
  /** The fields assumed for lines pasted without a "#Fields:" header (IIS's defaults); null when the log named them. */
  readonly assumedFields: readonly string[] | null;
}

/** A CHALLENGE leg that starts a client's story had no anonymous 401.2 before it: the request carried credentials
 *  before any challenge, the KB2749007 pattern — said the same way on the line and in the story. */
const PREAUTH_MEANING =
  'First request of this client for this URL answered 401.1 SEC_E_NO_CREDENTIALS with no anonymous 401.2 before it: it carried credentials before any challenge, which kernel-mode authentication refuses (KB2749007).';

const statusText = (entry: LogEntry) => (entry.substatus ? `${entry.status}.${entry.substatus}` : String(entry.status));
const isChallengeLeg = (entry: LogEntry) => entry.status === 401 && entry.substatus === 1 && entry.win32Status === SEC_E_NO_CREDENTIALS;

export function explainEntry(entry: LogEntry): ExplainedEntry {
  const status = statusText(entry);
  const win32 = entry.win32Status === null ? null : describeWin32Status(entry.win32Status);
  const win32Meaning = entry.win32Status === null ? null : win32StatusName(entry.win32Status)?.meaning;
  const explained = (severity: ExplainedEntry['severity'], meaning: string): ExplainedEntry => ({ entry, status, severity, meaning });
  if (entry.status === 401) {
    if (entry.substatus === 2 && entry.win32Status === ERROR_ACCESS_DENIED) {
      return explained('ok', 'Anonymous request challenged: the normal first leg of every Windows-authentication handshake (401 2 5).');
    }
    if (isChallengeLeg(entry)) {
      return explained(
        'ok',
        'Handshake in progress: the server answered an NTLM NEGOTIATE with its CHALLENGE (401 1 2148074254, SEC_E_NO_CREDENTIALS). ' +
          'Normal in the middle of an NTLM handshake.',
      );
    }
    const name = entry.substatus === null ? undefined : IIS_401_SUBSTATUS_NAMES[entry.substatus];
    const meaning = entry.substatus === null ? undefined : IIS_401_SUBSTATUS_MEANINGS[entry.substatus];
    return explained(
      entry.substatus === 2 ? 'warning' : 'error',
      `${name ? `401.${entry.substatus} ${name}: ${meaning}` : 'Unauthorized.'}${win32 ? ` Win32 status ${win32}${win32Meaning ? `: ${win32Meaning}` : ''}.` : ''}`,
    );
  }
  if (entry.status >= 200 && entry.status < 400) {
    return explained(
      'ok',
      entry.username ? `Served to ${entry.username} (authenticated).` : 'Served (anonymous, or on an already authenticated connection).',
    );
  }
  if (entry.status === 400) {
    return explained(
      'error',
      'Bad Request. After credentials it is often a header too large for http.sys (see also the HTTPERR log in %windir%\\System32\\LogFiles\\HTTPERR).',
    );
  }
  return explained(entry.status >= 500 ? 'error' : 'warning', `HTTP ${status}${win32 ? `, Win32 status ${win32}` : ''}.`);
}

function storyFinding(story: Omit<LogStory, 'finding'>): Finding {
  const evidence: Evidence[] = story.entries.map(({ entry, status }) => ({
    leg: null,
    source: 'log',
    name: `line ${entry.line}`,
    value:
      `${status} ${entry.win32Status === null ? '' : describeWin32Status(entry.win32Status)}${entry.requestBytes !== null ? ` cs-bytes ${entry.requestBytes}` : ''}`.trim(),
  }));
  // The readings of IIS log lines follow these two public write-ups.
  const base = {
    exchangeId: null,
    url: story.uri,
    evidence,
    fixes: [],
    missing: null,
    sources: [SOURCES.diagnose401, SOURCES.iisFlow],
  } as const;
  const last = story.entries.at(-1);
  const challenges = story.entries.filter(({ entry }) => entry.status === 401).length;
  const first = story.entries[0]?.entry;
  if (first && isChallengeLeg(first) && last?.entry.status === 401) {
    return {
      ...base,
      id: 'preauth-first-request',
      severity: 'error',
      title: `First request answered 401.1 SEC_E_NO_CREDENTIALS without a preceding 401.2 (KB2749007 pattern)`,
      explanation: PREAUTH_MEANING,
      fixes: PREAUTH_FIXES,
    };
  }
  if (last && last.entry.status !== 401) {
    const bytes = Math.max(0, ...story.entries.map(({ entry }) => entry.requestBytes ?? 0));
    if (story.entries.some(({ entry }) => isChallengeLeg(entry))) {
      return {
        ...base,
        id: 'ntlm-used',
        severity: 'info',
        title: `NTLM handshake, then ${last.status} (${story.chain})`,
        explanation:
          'The NTLM CHALLENGE leg (401.1 SEC_E_NO_CREDENTIALS, logged when IIS rather than http.sys answers it), then success: the NTLM three-leg flow (“Windows Authentication HTTP Request Flow in IIS”).',
      };
    }
    // “Windows Authentication HTTP Request Flow in IIS”: under kernel-mode authentication http.sys answers NTLM's CHALLENGE leg itself and IIS does not
    // log it, so "401 2 5" then "200 0 0" is Kerberos or NTLM alike; only the request size (cs-bytes) hints which.
    const sizeSays = bytes > KERBEROS_MIN_REQUEST_BYTES ? 'kerberos' : bytes > 0 && bytes < NTLM_MAX_REQUEST_BYTES ? 'ntlm' : null;
    if (sizeSays) {
      return {
        ...base,
        id: sizeSays === 'kerberos' ? 'size-says-kerberos' : 'size-says-ntlm',
        severity: 'info',
        title: `Authenticated (${story.chain}); request size ${bytes} bytes suggests ${sizeSays === 'kerberos' ? 'Kerberos' : 'NTLM'}`,
        explanation: `An estimate from cs-bytes (Kerberos > ${KERBEROS_MIN_REQUEST_BYTES} bytes, NTLM < ${NTLM_MAX_REQUEST_BYTES}, “Troubleshoot Kerberos failures in Internet Explorer”).`,
      };
    }
    return {
      ...base,
      id: 'iis-substatus',
      severity: 'info',
      title: `Authenticated (${story.chain})`,
      explanation:
        'The anonymous request was challenged and the next one succeeded. Kerberos and NTLM under kernel-mode authentication log the ' +
        'same way (http.sys answers NTLM’s CHALLENGE leg without IIS logging it, “Windows Authentication HTTP Request Flow in IIS”); log cs-bytes to estimate which.',
    };
  }
  if (last && challenges >= 4) {
    return {
      ...base,
      id: 'auth-loop',
      severity: 'error',
      title: `Authentication loop: ${challenges} × 401 (${story.chain})`,
      explanation: `The client kept authenticating and the server kept refusing. Last answer: ${last.meaning}`,
      fixes: LOOP_FIXES,
    };
  }
  return {
    ...base,
    id: 'iis-substatus',
    severity: last?.severity === 'warning' ? 'warning' : last?.severity === 'ok' ? 'warning' : 'error',
    title: `Ends in ${last?.status ?? '401'} (${story.chain})`,
    fixes: last?.severity === 'ok' ? (IIS_401_SUBSTATUS_FIXES[2] ?? []) : (IIS_401_SUBSTATUS_FIXES[last?.entry.substatus ?? 0] ?? []),
    explanation:
      last?.severity === 'ok'
        ? 'The handshake stopped after a challenge: the client gave up (no credentials it could use, or the user cancelled a prompt).'
        : (last?.meaning ?? 'Unauthorized.'),
  };
}

/** Explains every line and tells each client's handshake per URL as a story with a finding. */
export function explainIisLog(text: string): Result<ExplainedLog> {
  const parsed = parseW3cLog(text);
  if (!parsed.ok) return parsed;
  const entries = parsed.value.entries.map(explainEntry);
  /** Open stories: the positions in `entries` of one client's lines for one URL. */
  const open = new Map<string, number[]>();
  const stories: LogStory[] = [];
  const close = (key: string) => {
    const positions = open.get(key) ?? [];
    open.delete(key);
    const start = positions[0];
    if (start === undefined) return;
    const group = () => positions.map((position) => entries[position] as ExplainedEntry);
    const story = {
      clientIp: group()[0]?.entry.clientIp ?? null,
      uri: group()[0]?.entry.uri ?? '',
      chain: group()
        .map((item) => item.status)
        .join(' → '),
    };
    const finding = storyFinding({ ...story, entries: group() });
    // A CHALLENGE leg with no anonymous 401.2 before it: its line says what the story found, never the opposite.
    const first = entries[start] as ExplainedEntry;
    if (isChallengeLeg(first.entry)) {
      entries[start] =
        finding.id === 'preauth-first-request'
          ? { ...first, severity: 'error', meaning: PREAUTH_MEANING }
          : {
              ...first,
              meaning: `${first.meaning} This first request already carried credentials (no anonymous 401.2 before it); the handshake went on.`,
            };
    }
    stories.push({ ...story, entries: group(), finding });
  };
  entries.forEach((explained, position) => {
    const key = `${explained.entry.clientIp ?? ''} ${explained.entry.uri}`;
    const positions = open.get(key) ?? [];
    if (positions.length === 0 && explained.entry.status !== 401) return;
    positions.push(position);
    open.set(key, positions);
    if (explained.entry.status !== 401) close(key);
  });
  for (const key of [...open.keys()]) close(key);
  stories.sort((a, b) => (a.entries[0]?.entry.line ?? 0) - (b.entries[0]?.entry.line ?? 0));
  const lines = (keep: (code: string) => boolean) =>
    parsed.warnings.filter((warning) => keep(warning.code)).map((warning) => ({ line: warning.offset, reason: warning.message }));
  return ok(
    {
      entries,
      stories,
      skipped: lines((code) => code !== 'iis-log-default-fields' && code !== 'iis-log-misaligned'),
      bestEffort: lines((code) => code === 'iis-log-misaligned'),
      assumedFields: parsed.value.defaultFields ? parsed.value.fields : null,
    },
    parsed.warnings,
  );
}
