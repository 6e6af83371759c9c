// Advice for auth-failed (rules/auth-failed.ts).
import type { Adviser } from '../finding';
import { advice, hiddenLegsNote } from './common';

export const authFailedAdvice: Adviser = (_verdict, { exchange }) =>
  advice(
    'The server challenged, the browser retried out of sight, and the last answer is still a bare challenge. Either ' +
      'no Kerberos ticket could be obtained (SPN unknown, no TGT, not trusted) or the server refused the one sent ' +
      '(key mismatch, stale keytab, clock skew).',
    { missing: hiddenLegsNote(exchange) },
  );
