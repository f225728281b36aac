import { defineConfig } from 'vitest/config'
import type { Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath } from 'node:url'
import { readdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'

// The Maven build (control-plane, generate-resources) runs `npm run build`; the bundle lands where Quarkus
// serves static files from, so the control-plane jar carries the dashboard. DTAAS_UI_OUT_DIR overrides it.
const outDir = process.env.DTAAS_UI_OUT_DIR
  ?? fileURLToPath(new URL('../control-plane/target/classes/META-INF/resources', import.meta.url))

// `npm run dev` proxies the API to a control-plane on :8000 (./dtaas).
const backend = process.env.DTAAS_URL ?? 'http://127.0.0.1:8000'

// The control-plane serves these files without a token even when it requires one (deny by default: everything
// else needs the token). The list lands beside the bundle, outside the served folder.
function listServedFiles(): Plugin {
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
    .flatMap(e => e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)])
  return {
    name: 'dtaas-served-files',
    apply: 'build',
    closeBundle() {
      const files = walk(outDir).map(f => '/' + relative(outDir, f).split(sep).join('/')).sort()
      writeFileSync(join(dirname(outDir), 'dtaas-ui-files.txt'), files.join('\n') + '\n')
    },
  }
}

export default defineConfig({
  plugins: [vue(), listServedFiles()],
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
