// Creates the "AuthScope" DevTools panel for the inspected tab; nothing else belongs here.
import { browser } from '../shared/browser';

void browser.devtools.panels.create('AuthScope', '/icons/icon-32.png', '/src/panel/panel.html');
