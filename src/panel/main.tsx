// Panel entry: picks the DevTools theme, creates the store, and mounts the app.
import { render } from 'preact';
import { browser } from '../shared/browser';
import { App } from './App';
import { StoreContext } from './state/context';
import { createPanelStore } from './state/store';

const devtoolsTheme = (browser.devtools?.panels as { themeName?: string } | undefined)?.themeName;
const dark = devtoolsTheme ? devtoolsTheme === 'dark' : window.matchMedia('(prefers-color-scheme: dark)').matches;
document.documentElement.dataset['theme'] = dark ? 'dark' : 'light';

const root = document.getElementById('app');
if (root) {
  render(
    <StoreContext.Provider value={createPanelStore()}>
      <App />
    </StoreContext.Provider>,
    root,
  );
}
