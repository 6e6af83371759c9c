// NetLogs for tests: the lab recordings (test/fixtures/netlog, provenance in test/fixtures/capture/README.md) and net-export files built
// from events written by name (the synthetic Windows examples), numbered through a constants block of our own.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { type ImportedSession, importText } from '../../src/core/import/file-import';

/** A lab NetLog recorded by `npm run lab:record` in Default or Everything capture mode. */
export const labNetLog = (mode: 'default' | 'everything'): string =>
  gunzipSync(readFileSync(new URL(`../fixtures/netlog/chromium-lab-${mode}.json.gz`, import.meta.url))).toString('utf8');

/** One event as the synthetic fixtures write it: names instead of the version-specific numbers. */
export interface NamedEvent {
  readonly name: string;
  readonly phase: 'PHASE_BEGIN' | 'PHASE_END' | 'PHASE_NONE';
  readonly source: { readonly id: number; readonly start_time: string; readonly type: string };
  readonly time: string;
  readonly params?: Record<string, unknown>;
}

export interface NamedNetLog {
  readonly synthetic: boolean;
  readonly description: string;
  readonly events: readonly NamedEvent[];
}

export const syntheticNetLog = (name: string): NamedNetLog =>
  JSON.parse(readFileSync(new URL(`../fixtures/netlog/synthetic/${name}.json`, import.meta.url), 'utf8')) as NamedNetLog;

const PHASES = { PHASE_NONE: 0, PHASE_BEGIN: 1, PHASE_END: 2 } as const;

/**
 * A net-export file (one event per line) from named events. Each URL_REQUEST gets the URL_REQUEST_START_JOB that
 * opens it (URL from its auth controller) and the REQUEST_ALIVE end that closes it, as Chromium writes them.
 */
export function netExportText(log: NamedNetLog, clientVersion = '135.0.0.0'): string {
  const url = String(
    log.events.find((event) => event.name === 'AUTH_CONTROLLER' && event.params?.['url'])?.params?.['url'] ?? 'https://intranet.example/',
  );
  const requests = [...new Set(log.events.filter((event) => event.source.type === 'URL_REQUEST').map((event) => event.source.id))];
  const events: NamedEvent[] = [];
  for (const id of requests) {
    const first = log.events.find((event) => event.source.id === id) as NamedEvent;
    events.push({
      name: 'URL_REQUEST_START_JOB',
      phase: 'PHASE_BEGIN',
      source: first.source,
      time: first.time,
      params: { url, method: 'GET' },
    });
  }
  events.push(...log.events);
  for (const id of requests) {
    const last = [...log.events].reverse().find((event) => event.source.id === id) as NamedEvent;
    events.push({ name: 'REQUEST_ALIVE', phase: 'PHASE_END', source: last.source, time: last.time });
  }
  const names = [...new Set(events.map((event) => event.name))];
  const sourceTypes = [...new Set(events.map((event) => event.source.type))];
  const constants = {
    clientInfo: { name: 'Chromium (synthetic)', version: clientVersion },
    logEventPhase: PHASES,
    logEventTypes: Object.fromEntries(names.map((name, index) => [name, 500 + index])),
    logSourceType: Object.fromEntries(sourceTypes.map((type, index) => [type, 30 + index])),
    netError: { ERR_HTTP_1_1_REQUIRED: -365, ERR_MISCONFIGURED_AUTH_ENVIRONMENT: -343, ERR_INVALID_AUTH_CREDENTIALS: -338 },
  };
  const lines = events.map((event) =>
    JSON.stringify({
      ...(event.params ? { params: event.params } : {}),
      phase: PHASES[event.phase],
      source: { id: event.source.id, start_time: event.source.start_time, type: constants.logSourceType[event.source.type] },
      time: event.time,
      type: constants.logEventTypes[event.name],
    }),
  );
  return `{"constants":${JSON.stringify(constants)},\n"events": [\n${lines.join(',\n')}\n],\n"polledData": {}\n}\n`;
}

/** Imports a NetLog's text; fails the test if it is not read. */
export function importNetLog(text: string): ImportedSession {
  const result = importText(text);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}
