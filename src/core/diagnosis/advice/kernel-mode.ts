// Advice for kernel-mode (rules/kernel-mode.ts): KB2749007 and the KRB_AP_ERR_MODIFIED reading.
import type { Adviser } from '../finding';
import { advice } from './common';

export const kernelModeAdvice: Adviser = () =>
  advice(
    'The challenge came from the Windows HTTP stack itself, not from IIS: kernel-mode authentication is enabled. ' +
      'http.sys then decrypts Kerberos tickets with the computer account’s key unless useAppPoolCredentials is set, ' +
      'and rejects pre-authenticated first requests with 401.1 (KB2749007).',
  );
