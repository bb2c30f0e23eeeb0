import { render } from 'preact';
import { App } from './app.tsx';
import { startProfileSync } from './state/profile-store.ts';
import { applyTheme, storedTheme } from './state/theme.ts';
import './styles.css';

// Before the first render: no flash of the wrong theme (the CSP forbids an inline script).
applyTheme(storedTheme());
startProfileSync();
render(<App />, document.getElementById('app')!);
