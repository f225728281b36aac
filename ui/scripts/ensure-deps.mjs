// Runs `npm ci` when node_modules does not match package-lock.json (first build, or the lock changed), so that
// repeated Maven builds do not reinstall 70 MB each time. The stamp is the lock file's SHA-256.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { execSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const lock = readFileSync(join(root, 'package-lock.json'))
const hash = createHash('sha256').update(lock).digest('hex')
const stamp = join(root, 'node_modules', '.dtaas-lock-sha256')

if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) {
  console.log('ui: node_modules matches package-lock.json')
} else {
  console.log('ui: npm ci')
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' })
  writeFileSync(stamp, hash)
}
