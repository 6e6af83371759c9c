// Advice for private-window (rules/private-window.ts).
import type { Adviser } from '../finding';
import { chromiumPolicy, firefoxPref } from '../policies';
import { advice } from './common';

export const privateWindowAdvice: Adviser = () =>
  advice(
    'In private windows browsers do not use the logged-on user’s credentials unless a policy allows it, so ' +
      'Negotiate/NTLM sites prompt or fail there while they work in a normal window.',
    {
      fixes: [
        {
          text: 'Allow ambient authentication in private windows (1 = Incognito, 2 = Guest, 3 = both), or test in a normal window.',
          settings: [
            ...chromiumPolicy('AmbientAuthenticationInPrivateModesEnabled', 1),
            ...firefoxPref('network.auth.private-browsing-sso', true),
          ],
        },
      ],
    },
  );
