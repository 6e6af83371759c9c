// The exchange list's columns, as the Network panel has them: a label, a tooltip that explains it, a default width
// (the user resizes; the URL column takes the rest) and how it sorts.
import type { ExchangeRow } from './exchange-row';

export type ColumnId = 'time' | 'method' | 'url' | 'status' | 'outcome' | 'offered' | 'mechanism' | 'credential';

export interface Column {
  readonly id: ColumnId;
  readonly label: string;
  readonly tooltip: string;
  /** Width in pixels; null for the URL column, which takes what the others leave. */
  readonly width: number | null;
  readonly sortKey: (row: ExchangeRow) => string | number;
}

const VERDICT_ORDER = { failed: 0, 'in-progress': 1, worked: 2, 'no-sign-in': 3 } as const;

export const COLUMNS: readonly Column[] = [
  {
    id: 'time',
    label: 'Time',
    tooltip: 'When the request started; the dot is its worst finding',
    width: 78,
    sortKey: (row) => row.startedAt,
  },
  { id: 'method', label: 'Method', tooltip: 'HTTP method', width: 58, sortKey: (row) => row.method },
  { id: 'url', label: 'URL', tooltip: 'The requested URL; the host is in bold', width: null, sortKey: (row) => row.url },
  {
    id: 'status',
    label: 'Status',
    tooltip: 'The HTTP status of each leg: one leg is one request and its response in the handshake (401 → 401 → 200)',
    width: 110,
    sortKey: (row) => row.chain,
  },
  {
    id: 'outcome',
    label: 'Outcome',
    tooltip: 'Worked, Failed, No sign-in needed, or Still in progress: the same outcome the headline and the origin strip count',
    width: 84,
    sortKey: (row) => VERDICT_ORDER[row.verdict],
  },
  {
    id: 'offered',
    label: 'Offered',
    tooltip: 'The schemes the server offered in WWW-Authenticate (Negotiate = Kerberos or NTLM inside SPNEGO)',
    width: 110,
    sortKey: (row) => row.offered,
  },
  {
    id: 'mechanism',
    label: 'Mechanism',
    tooltip: 'Kerberos or NTLM: read from a token, the NetLog or a prompt, or inferred (the detail pane says which)',
    width: 86,
    sortKey: (row) => row.mechanism,
  },
  {
    id: 'credential',
    label: 'Credential',
    tooltip: 'Size of the largest token the browser sent; "hidden" when the browser does not show it to extensions (Chromium)',
    width: 84,
    sortKey: (row) => row.credentialBytes ?? -1,
  },
];

export const MIN_COLUMN_WIDTH = 40;

export type ColumnWidths = Readonly<Partial<Record<ColumnId, number>>>;

export interface SortOrder {
  readonly column: ColumnId;
  readonly descending: boolean;
}

/** The rows in the order a column sorts them (stable: equal keys keep list order). */
export function sortRows(rows: readonly ExchangeRow[], order: SortOrder): ExchangeRow[] {
  const column = COLUMNS.find((candidate) => candidate.id === order.column) as Column;
  const keyed = rows.map((row, index) => ({ row, index, key: column.sortKey(row) }));
  const direction = order.descending ? -1 : 1;
  keyed.sort((a, b) => (a.key < b.key ? -direction : a.key > b.key ? direction : a.index - b.index));
  return keyed.map((item) => item.row);
}

/** The next order when a column header is clicked: ascending, descending, then unsorted. */
export function nextSortOrder(current: SortOrder | null, column: ColumnId): SortOrder | null {
  if (current?.column !== column) return { column, descending: false };
  return current.descending ? null : { column, descending: true };
}
