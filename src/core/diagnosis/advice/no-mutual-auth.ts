// Advice for no-mutual-auth (rules/no-mutual-auth.ts).
import type { Adviser } from '../finding';
import { advice } from './common';

export const noMutualAuthAdvice: Adviser = (_verdict, { exchange }) => {
  const apRep = exchange.legs.some((leg) =>
    leg.response?.challenges.some((item) => item.summary?.kind === 'kerberos-ap-rep' || item.summary?.mechanism === 'kerberos'),
  );
  return advice(
    'The browser did not ask the server to prove its identity (mutual-required off in the AP-REQ), as Chromium and ' +
      'Firefox do by default' +
      (apRep ? '; the server still sent its answer token.' : '; the server did not send an AP-REP.') +
      ' HTTPS authenticates the server instead; over plain HTTP nothing does.',
    // A note about a success, not a fix: nothing is broken (hardening belongs where it is the point).
    {},
  );
};
