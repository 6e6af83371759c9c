// The one place that imports webextension-polyfill: `browser.*` with promises in Chrome, Edge and Firefox.
// Never import this from src/core or from tests — the polyfill throws outside an extension.
import browser from 'webextension-polyfill';

export { browser };
