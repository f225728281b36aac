import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath } from 'node:url'

// The Maven build (control-plane, generate-resources) runs `npm run build`; the bundle lands where Quarkus
// serves static files from, so the control-plane jar carries the dashboard. DTAAS_UI_OUT_DIR overrides it.
const outDir = process.env.DTAAS_UI_OUT_DIR
  ?? fileURLToPath(new URL('../control-plane/target/classes/META-INF/resources', import.meta.url))

// `npm run dev` proxies the API to a control-plane on :8000 (./dtaas).
const backend = process.env.DTAAS_URL ?? 'http://127.0.0.1:8000'

export default defineConfig({
  plugins: [vue()],
  build: { outDir, emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 600, reportCompressedSize: false },
  server: {
    proxy: {
      '/api': backend,
      '/q': backend,
      '/ws': { target: backend.replace(/^http/, 'ws'), ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.test.ts'],
  },
})
