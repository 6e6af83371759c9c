// The floor any webRequest-based tool pays: one listener that does nothing (docs/platform-notes.md: about 1.3× page load).
chrome.webRequest.onHeadersReceived.addListener(() => {}, { urls: ['http://*/*', 'https://*/*'] }, ['responseHeaders']);
