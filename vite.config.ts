import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is loaded from a custom protocol (Electron) or a local static server (e2e), so every
// asset URL is relative and nothing is fetched from a CDN: Monaco and its workers are bundled.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  resolve: {
    // monaco-editor's package exports map `./*` to `.js` files only; its CSS is reached directly.
    alias: [
      {
        find: /^monaco-editor\/(.+\.css)$/,
        replacement: fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/$1', import.meta.url)),
      },
    ],
  },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
    // No inlined data: URLs for workers; they are same-origin files the CSP allows.
    assetsInlineLimit: 0,
  },
  worker: { format: 'es' },
});
