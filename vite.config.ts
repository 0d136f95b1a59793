import { defineConfig } from 'vite';
import { resolve } from 'node:path';

export default defineConfig({
  root: 'web',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        app: resolve(import.meta.dirname, 'web/index.html'),
        tell: resolve(import.meta.dirname, 'web/tell.html'),
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:8787' } },
});
