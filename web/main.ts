import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import '@fontsource/be-vietnam-pro/800.css';
// Level icons (✓ ● ▲ ✕ ◷) come from a self-hosted symbol font, not from whatever the kiosk has installed.
import '@fontsource/noto-sans-symbols-2/symbols-400.css';
import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
