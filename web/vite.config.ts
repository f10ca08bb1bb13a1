// The web workbench's build: React through @vitejs/plugin-react, `#shared/*` resolved to the zod
// contracts (type imports mostly), and in `npm run web:dev` the API proxied to `npm start`'s runtime.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = process.env.OCRM_API ?? 'http://127.0.0.1:3000';
const proxy = { target: api, changeOrigin: true };

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    alias: [
      {
        find: /^#shared\/(.*)\.js$/,
        replacement: fileURLToPath(new URL('../shared/$1.ts', import.meta.url)),
      },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/v1': proxy, '/_local': proxy, '/config.json': proxy },
  },
});
