// Loads the wasm app. A file, not an inline script, so the CSP forbids inline code.
import init from './app.js';
init({ module_or_path: '/app_bg.wasm' });
