// Test-only stand-in for a person at the browser's credential prompt: answers NTLM / Basic prompts with the lab
// user. Unlike CDP-level credential answering, the browser still fires onAuthRequired for AuthScope to see.
chrome.webRequest.onAuthRequired.addListener(
  (details, callback) => callback({ authCredentials: { username: 'alice', password: 'alicepw' } }),
  { urls: ['http://*/*', 'https://*/*'] },
  ['asyncBlocking'],
);
