// Shows a tab's badge through the browser's action API.
import type { BadgeState } from '../core/diagnosis/badge';
import { browser } from '../shared/browser';

export async function showBadge(tabId: number, badge: BadgeState): Promise<void> {
  if (tabId < 0) return;
  try {
    await Promise.all([
      browser.action.setBadgeText({ tabId, text: badge.text }),
      browser.action.setBadgeBackgroundColor({ tabId, color: badge.color }),
      browser.action.setTitle({ tabId, title: badge.title }),
    ]);
  } catch {
    // The tab closed between the event and the badge update: nothing to show.
  }
}
