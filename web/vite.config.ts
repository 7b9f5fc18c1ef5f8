import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The Pairwise server serves the built files (web/dist) at the site root, with the API at
// /api/v1 on the same origin. In development, `npm run dev` proxies /api to a locally
// running server.
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Hashed file names under dist/assets/ (Vite's default), so they can be cached forever.
    assetsDir: 'assets',
    sourcemap: false,
    // dist/.vite/manifest.json: which files each page loads first (scripts/bundle-size.mjs).
    manifest: true,
  },
  server: {
    proxy: {
      '/api': {
        target: 'http://127.0.0.1:8080',
        changeOrigin: false,
      },
    },
  },
});
