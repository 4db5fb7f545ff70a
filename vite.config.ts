import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The editor chunk (Monaco, ~3 MB) is imported by the app after it has started; a modulepreload link
 * in the HTML lets the browser fetch and compile it alongside the app's own chunk, so it is ready by
 * the time the shell has painted and asks for it. Only the chunks that the entry does not already load.
 */
function preloadEditorChunk(): Plugin {
  return {
    name: 'event-tester:preload-editor',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return [];
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
        const entry = chunks.find((c) => c.isEntry);
        const editor = chunks.find((c) => c.facadeModuleId?.endsWith('/features/editor/EventEditor.tsx'));
        if (!entry || !editor) return [];
        const seen = new Set<string>([entry.fileName, ...entry.imports]);
        const files: string[] = [];
        const visit = (fileName: string) => {
          if (seen.has(fileName)) return;
          seen.add(fileName);
          files.push(fileName);
          const chunk = bundle[fileName];
          if (chunk?.type === 'chunk') chunk.imports.forEach(visit);
        };
        visit(editor.fileName);
        return files.map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

// The renderer is loaded from a custom protocol (Electron) or a local static server (e2e), so every
// asset URL is relative and nothing is fetched from a CDN: Monaco and its workers are bundled.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), preloadEditorChunk()],
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
