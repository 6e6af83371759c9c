// The companion's answer as the panel takes it: the probe's JSON (probe-json.ts) checked field by field — a known rule
// id, a known severity, text of bounded size, https sources — into findings the panel shows like any other. Anything
// else is refused whole, with the reason.
import type { Evidence } from '../exchange/model';
import { type Checked, isObject, list, nullable, text } from '../exchange/validate';
import type { Finding, Fix, PlatformSetting, RuleId } from '../diagnosis/finding';
import { ALL_RULE_IDS } from '../diagnosis/judge';

export interface ProbeAnswer {
  readonly spn: string;
  readonly ticket: { readonly ok: boolean; readonly error: string | null; readonly said: string } | null;
  readonly credentials: { readonly tgt: boolean; readonly said: string } | null;
  readonly policy: { readonly allows: boolean | null; readonly basis: string } | null;
  readonly handshake: { readonly outcome: string; readonly mechanism: string | null } | null;
  readonly missing: readonly string[];
  readonly findings: readonly Finding[];
}

const LINE = 2000;
const SOURCES: ReadonlySet<string> = new Set([
  'request',
  'response',
  'token',
  'prompt',
  'error',
  'netlog',
  'browser',
  'log',
  'summary',
  'this computer',
]);
const PLATFORMS: ReadonlySet<string> = new Set(['windows', 'linux', 'macos', 'firefox']);

const bool = (value: unknown): Checked<boolean> => (typeof value === 'boolean' ? value : undefined);
const oneOf = <T extends string>(value: unknown, allowed: readonly T[]): Checked<T> =>
  allowed.includes(value as T) ? (value as T) : undefined;

function evidence(value: unknown): Checked<Evidence> {
  if (!isObject(value)) return undefined;
  const source = text(value['source'], 32);
  const name = text(value['name'], LINE);
  const item = text(value['value'], LINE);
  const leg = value['leg'] === null ? null : typeof value['leg'] === 'number' && Number.isInteger(value['leg']) ? value['leg'] : undefined;
  if (source === undefined || !SOURCES.has(source) || name === undefined || item === undefined || leg === undefined) return undefined;
  return { leg, source: source as Evidence['source'], name, value: item };
}

function setting(value: unknown): Checked<PlatformSetting> {
  if (!isObject(value)) return undefined;
  const platform = text(value['platform'], 16);
  const how = text(value['how'], LINE);
  const item = text(value['value'], LINE);
  if (platform === undefined || !PLATFORMS.has(platform) || how === undefined || item === undefined) return undefined;
  return { platform: platform as PlatformSetting['platform'], how, value: item };
}

function fix(value: unknown): Checked<Fix> {
  if (!isObject(value)) return undefined;
  const fixText = text(value['text'], LINE);
  const commands = list(value['commands'], 12, (item) => text(item, LINE));
  const withheld = nullable(value['withheld'], (item) => text(item, LINE));
  const settings = list(value['settings'], 16, setting);
  if (fixText === undefined || commands === undefined || withheld === undefined || settings === undefined) return undefined;
  return { text: fixText, commands, settings, ...(withheld ? { withheld } : {}) };
}

function finding(value: unknown): Checked<Finding> {
  if (!isObject(value)) return undefined;
  const id = oneOf(value['id'], ALL_RULE_IDS);
  const severity = oneOf(value['severity'], ['error', 'warning', 'info'] as const);
  const title = text(value['title'], LINE);
  const url = nullable(value['url'], (item) => text(item, 8192));
  const items = list(value['evidence'], 32, evidence);
  const explanation = text(value['explanation'], 8 * LINE);
  const fixes = list(value['fixes'], 12, fix);
  const missing = nullable(value['missing'], (item) => text(item, 4 * LINE));
  const sources = list(value['sources'], 8, (item) => {
    if (!isObject(item)) return undefined;
    const title = text(item['title'], 300);
    const href = text(item['url'], 500);
    return title !== undefined && href?.startsWith('https://') ? { title, url: href } : undefined;
  });
  if (
    !id ||
    !severity ||
    title === undefined ||
    url === undefined ||
    !items ||
    explanation === undefined ||
    !fixes ||
    missing === undefined ||
    !sources
  )
    return undefined;
  return { id: id as RuleId, severity, title, exchangeId: null, url, evidence: items, explanation, fixes, missing, sources };
}

/** The companion's reply, checked; `error` says what was wrong with it (or what the companion itself said). */
export function parseProbeAnswer(value: unknown): { readonly answer: ProbeAnswer } | { readonly error: string } {
  if (!isObject(value)) return { error: 'the companion sent no answer' };
  if (typeof value['error'] === 'string') return { error: `the companion refused: ${value['error'].slice(0, 300)}` };
  const spn = text(value['spn'], 600);
  const findings = list(value['findings'], 64, finding);
  const missing = list(value['missing'], 16, (item) => text(item, 300));
  if (spn === undefined || !findings || !missing)
    return { error: 'the companion’s answer is not one AuthScope can read (another version?)' };
  const ticket = isObject(value['ticket']) ? value['ticket'] : null;
  const credentials = isObject(value['credentials']) ? value['credentials'] : null;
  const policy = isObject(value['policy']) ? value['policy'] : null;
  const exchange = isObject(value['exchange']) ? value['exchange'] : null;
  return {
    answer: {
      spn,
      ticket: ticket
        ? { ok: bool(ticket['ok']) ?? false, error: text(ticket['error'], 64) ?? null, said: text(ticket['said'], LINE) ?? '' }
        : null,
      credentials: credentials ? { tgt: bool(credentials['tgt']) ?? false, said: text(credentials['said'], LINE) ?? '' } : null,
      policy: policy ? { allows: bool(policy['allows']) ?? null, basis: text(policy['basis'], LINE) ?? '' } : null,
      handshake: exchange
        ? { outcome: text(exchange['outcome'], 32) ?? 'unknown', mechanism: text(exchange['mechanism'], 16) ?? null }
        : null,
      missing,
      findings,
    },
  };
}
