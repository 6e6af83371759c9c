// Checks an exchange that arrives from outside the capture that built it (the panel hands the background what its
// own listeners saw): every field of the expected type and size, or nothing is taken. A message that fails is
// dropped whole, never half-applied.
import type { AuthItem, AuthPrompt, Exchange, Leg, LegRequest, LegResponse } from './model';
import { MAX_CHALLENGES, MAX_LEGS, MAX_PROMPTS, MAX_REDIRECTS, MAX_TOKEN_CHARS, MAX_URL_CHARS } from './limits';
import { isWindowsScheme } from '../decode/http/auth-header';

/** The largest exchange message taken (JSON characters); a real one is a few KB. */
export const MAX_MESSAGE_CHARS = 512 * 1024;

/** A checked value, or undefined when it failed its check (the message is then refused). */
export type Checked<T> = T | undefined;

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const text = (value: unknown, max: number): Checked<string> =>
  typeof value === 'string' && value.length <= max ? value : undefined;
export const finite = (value: unknown): Checked<number> => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
export const nullable = <T>(value: unknown, check: (value: unknown) => Checked<T>): Checked<T | null> =>
  value === null ? null : check(value);

export function list<T>(value: unknown, max: number, check: (item: unknown) => Checked<T>): Checked<T[]> {
  if (!Array.isArray(value) || value.length > max) return undefined;
  const out: T[] = [];
  for (const item of value) {
    const checked = check(item);
    if (checked === undefined) return undefined;
    out.push(checked);
  }
  return out;
}

/** A token summary is kept as it came when it is an object of plain fields (it is only ever displayed). */
function summary(value: unknown): Checked<AuthItem['summary']> {
  if (value === null) return null;
  if (!isObject(value) || JSON.stringify(value).length > 4096) return undefined;
  for (const field of Object.values(value)) if (isObject(field) || Array.isArray(field)) return undefined;
  return value as unknown as AuthItem['summary'];
}

function authItem(value: unknown): Checked<AuthItem> {
  if (!isObject(value)) return undefined;
  const scheme = text(value['scheme'], 32);
  const kind = text(value['kind'], 16);
  const token = nullable(value['token'], (token) => text(token, MAX_TOKEN_CHARS));
  const decoded = summary(value['summary']);
  if (scheme === undefined || kind === undefined || token === undefined || decoded === undefined) return undefined;
  // Only Windows schemes may carry a token or its summary.
  if (!isWindowsScheme(kind) && (token !== null || decoded !== null)) return undefined;
  return { scheme, kind: kind as AuthItem['kind'], token, summary: decoded };
}

function request(value: unknown): Checked<LegRequest | null> {
  if (value === null) return null;
  if (!isObject(value)) return undefined;
  const time = nullable(value['time'], finite);
  const credentials = nullable(value['credentials'], authItem);
  const proxyCredentials = nullable(value['proxyCredentials'], authItem);
  const headBytes = nullable(value['headBytes'], finite);
  const visible = typeof value['visible'] === 'boolean' ? value['visible'] : undefined;
  if (time === undefined || credentials === undefined || proxyCredentials === undefined || headBytes === undefined || visible === undefined)
    return undefined;
  return { time, credentials, proxyCredentials, headBytes, visible };
}

function response(value: unknown): Checked<LegResponse | null> {
  if (value === null) return null;
  if (!isObject(value)) return undefined;
  const time = finite(value['time']);
  const status = finite(value['status']);
  const statusLine = text(value['statusLine'], 256);
  const challenges = list(value['challenges'], MAX_CHALLENGES, authItem);
  const proxyChallenges = list(value['proxyChallenges'], MAX_CHALLENGES, authItem);
  const server = nullable(value['server'], (item) => text(item, 1025));
  const persistentAuth = nullable(value['persistentAuth'], (item) => text(item, 1025));
  const date = value['date'] === undefined ? null : nullable(value['date'], (item) => text(item, 128));
  const connection = nullable(value['connection'], (item) => text(item, 1025));
  const proxyHints = list(value['proxyHints'], 3, (item) => text(item, 1100));
  const fingerprint = finite(value['fingerprint']);
  if (
    time === undefined ||
    status === undefined ||
    statusLine === undefined ||
    !challenges ||
    !proxyChallenges ||
    server === undefined ||
    persistentAuth === undefined ||
    date === undefined ||
    connection === undefined ||
    !proxyHints ||
    fingerprint === undefined
  )
    return undefined;
  return { time, status, statusLine, challenges, proxyChallenges, server, date, persistentAuth, connection, proxyHints, fingerprint };
}

function leg(value: unknown): Checked<Leg> {
  if (!isObject(value)) return undefined;
  const checkedRequest = request(value['request']);
  const checkedResponse = response(value['response']);
  return checkedRequest === undefined || checkedResponse === undefined ? undefined : { request: checkedRequest, response: checkedResponse };
}

function prompt(value: unknown): Checked<AuthPrompt> {
  if (!isObject(value)) return undefined;
  const time = finite(value['time']);
  const scheme = text(value['scheme'], 32);
  const realm = nullable(value['realm'], (item) => text(item, 256));
  const challenger = text(value['challenger'], 300);
  const isProxy = typeof value['isProxy'] === 'boolean' ? value['isProxy'] : undefined;
  if (time === undefined || scheme === undefined || realm === undefined || challenger === undefined || isProxy === undefined)
    return undefined;
  return { time, scheme, realm, challenger, isProxy };
}

function redirect(value: unknown): Checked<Exchange['redirects'][number]> {
  if (!isObject(value)) return undefined;
  const time = finite(value['time']);
  const status = finite(value['status']);
  const to = text(value['to'], MAX_URL_CHARS + 1);
  return time === undefined || status === undefined || to === undefined ? undefined : { time, status, to };
}

/** The exchange, rebuilt from its checked fields only, or null when anything is missing, mistyped or too large. */
export function parseExchange(value: unknown): Exchange | null {
  if (!isObject(value) || JSON.stringify(value).length > MAX_MESSAGE_CHARS) return null;
  const fields = {
    id: text(value['id'], 128),
    requestId: text(value['requestId'], 96),
    browser: value['browser'] === 'chromium' || value['browser'] === 'firefox' ? value['browser'] : undefined,
    url: text(value['url'], MAX_URL_CHARS + 1),
    origin: text(value['origin'], MAX_URL_CHARS + 1),
    method: text(value['method'], 32),
    resourceType: text(value['resourceType'], 64),
    tabId: finite(value['tabId']),
    frameId: finite(value['frameId']),
    initiator: nullable(value['initiator'], (item) => text(item, MAX_URL_CHARS + 1)),
    startedAt: finite(value['startedAt']),
    endedAt: nullable(value['endedAt'], finite),
    legs: list(value['legs'], MAX_LEGS, leg),
    hiddenLegs: typeof value['hiddenLegs'] === 'boolean' ? value['hiddenLegs'] : undefined,
    prompts: list(value['prompts'], MAX_PROMPTS, prompt),
    redirects: list(value['redirects'], MAX_REDIRECTS, redirect),
    error: nullable(value['error'], (item) => text(item, 256)),
    finalStatus: nullable(value['finalStatus'], finite),
    preAuthenticated: typeof value['preAuthenticated'] === 'boolean' ? value['preAuthenticated'] : undefined,
    done: typeof value['done'] === 'boolean' ? value['done'] : undefined,
  };
  if (Object.values(fields).some((field) => field === undefined)) return null;
  const incognito =
    value['incognito'] === undefined ? undefined : nullable(value['incognito'], (item) => (typeof item === 'boolean' ? item : undefined));
  const truncated = value['truncated'] === undefined ? undefined : list(value['truncated'], 16, (item) => text(item, 300));
  const droppedLegs = value['droppedLegs'] === undefined ? undefined : finite(value['droppedLegs']);
  return {
    ...(fields as Exchange),
    ...(value['finalResponseOnly'] === true ? { finalResponseOnly: true } : {}),
    ...(incognito === undefined ? {} : { incognito }),
    ...(truncated === undefined ? {} : { truncated }),
    ...(droppedLegs === undefined ? {} : { droppedLegs }),
  };
}
