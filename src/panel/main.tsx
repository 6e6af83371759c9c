// Panel entry: picks the DevTools theme and mounts the app.
import { render } from 'preact';
import { browser } from '../shared/browser';
import { App } from './App';

const devtoolsTheme = (browser.devtools?.panels as { themeName?: string } | undefined)?.themeName;
const dark = devtoolsTheme ? devtoolsTheme === 'dark' : window.matchMedia('(prefers-color-scheme: dark)').matches;
document.documentElement.dataset['theme'] = dark ? 'dark' : 'light';

const root = document.getElementById('app');
if (root) render(<App />, root);
