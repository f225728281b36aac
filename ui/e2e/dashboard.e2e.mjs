// End-to-end test of the dashboard against a running control-plane with real PostgreSQL and MariaDB, driven
// through Debian's chromium with playwright-core. UiEndToEndIT (control-plane) prepares the databases and runs
// it; by hand: DTAAS_URL=http://127.0.0.1:8000 E2E_PG_DB=... node e2e/dashboard.e2e.mjs (see docs/ui.md).
// Every page gets a screenshot in E2E_SCREENSHOTS. Exit code 0 means every step passed.
import { chromium } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

const env = (name, fallback) => process.env[name] ?? fallback
const BASE = env('DTAAS_URL', 'http://127.0.0.1:8000')
const SHOTS = env('E2E_SCREENSHOTS', 'target/ui-screenshots')
const PG = { host: env('E2E_PG_HOST', '127.0.0.1'), port: env('E2E_PG_PORT', '5432'), db: env('E2E_PG_DB', 'ui_e2e_src'), user: env('E2E_PG_USER', 'postgres'), password: env('E2E_PG_PASSWORD', '') }
const MY = { host: env('E2E_MY_HOST', '127.0.0.1'), port: env('E2E_MY_PORT', '3306'), db: env('E2E_MY_DB', 'ui_e2e_dst'), user: env('E2E_MY_USER', 'dtaas_test'), password: env('E2E_MY_PASSWORD', 'dtaas-test-pw') }
const CUSTOMERS = Number(env('E2E_CUSTOMERS', '5000'))
const ORDERS = Number(env('E2E_ORDERS', '300000'))
const SUFFIX = env('E2E_SUFFIX', String(Date.now() % 100000))
const CHROMIUM = env('CHROMIUM', '/usr/bin/chromium')

mkdirSync(SHOTS, { recursive: true })
const passed = []

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-dev-shm-usage'],
})
// Reduced motion: progress bars jump to their value, so screenshots show the state the test checked.
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: BASE, reducedMotion: 'reduce' })
const page = await context.newPage()
page.setDefaultTimeout(15_000)
const consoleErrors = []
page.on('pageerror', (e) => consoleErrors.push(String(e)))
// Nothing may leave the machine: every request goes to the control-plane under test.
await context.route('**/*', (route) => {
  const url = route.request().url()
  if (url.startsWith(BASE) || url.startsWith('data:')) return route.continue()
  console.error(`blocked off-host request ${url}`)
  consoleErrors.push(`off-host request ${url}`)
  return route.abort()
})

async function step(name, fn) {
  const t0 = Date.now()
  process.stdout.write(`e2e: ${name} ... `)
  try {
    await fn()
    passed.push(name)
    console.log(`ok (${Date.now() - t0} ms)`)
  } catch (e) {
    console.log('FAILED')
    console.error(e)
    await page.screenshot({ path: join(SHOTS, 'failure.png'), fullPage: true }).catch(() => {})
    await browser.close()
    process.exit(1)
  }
}

async function shot(name) {
  await page.waitForLoadState('networkidle').catch(() => {})
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}

function expectEq(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
}

const num = (text) => Number(String(text).replace(/[^0-9.-]/g, ''))

async function fillConnector({ name, role, type, values }) {
  await page.goto('/connectors')
  await page.getByRole('link', { name: 'Add connector' }).click()
  await page.waitForSelector('[data-testid=connector-form]')
  await page.fill('#connector-name', name)
  await page.check(`input[name=role][value=${role}]`)
  await page.selectOption('#connector-type', type)
  for (const [field, value] of Object.entries(values)) await page.fill(`#field-${field}`, String(value))
}

const sourceName = `Shop PostgreSQL ${SUFFIX}`
const destName = `Warehouse MariaDB ${SUFFIX}`
const taskName = `UI sync ${SUFFIX}`
let taskUrl = ''

await step('dashboard loads with stat cards, health and the live socket', async () => {
  await page.goto('/')
  await page.waitForSelector('[data-testid=stat-tasks]')
  await page.waitForSelector('[data-testid=live-indicator]:has-text("live")')
  await page.waitForSelector('[data-testid=system-health] tr:has-text("Metadata DB") .badge.UP')
  const health = await page.textContent('[data-testid=system-health]')
  if (!/Workers\s*[1-9]\d* online/.test(health)) throw new Error(`no worker online: ${health}`)
  // the test instance is standalone (no REDIS_URL): it uses no Redis, so it must not show one
  if (/redis/i.test(health)) throw new Error(`a standalone instance lists Redis: ${health}`)
})

await step('source form: inline validation, test connection, save', async () => {
  await fillConnector({ name: sourceName, role: 'source', type: 'postgresql',
    values: { host: PG.host, port: 70000, database: PG.db, username: PG.user, password: PG.password } })
  await page.click('[data-testid=test-connection]')
  await page.waitForSelector('text=must be at most 65535')
  await page.fill('#field-port', PG.port)
  await page.click('[data-testid=test-connection]')
  const result = await page.waitForSelector('[data-testid=test-result]')
  const text = await result.textContent()
  if (!text.includes('Connection works.')) throw new Error(`test connection: ${text}`)
  await shot('connector-form')
  await page.click('button[type=submit]')
  await page.waitForURL('**/connectors')
  // issue 14.3: saving the settings the form just tested successfully records that: the status says ok at once
  const row = page.locator(`tr[data-connector="${sourceName}"]`)
  await row.locator('[data-testid=status]:has-text("ok")').waitFor()
  await row.getByRole('button', { name: 'Test' }).click()
  await row.locator('[data-testid=status]:has-text("ok")').waitFor()
})

await step('destination form: a wrong password fails the test, the right one works; the password stays write-only', async () => {
  await fillConnector({ name: destName, role: 'destination', type: 'mysql',
    values: { host: MY.host, port: MY.port, database: MY.db, username: MY.user, password: 'wrong-password' } })
  await page.click('[data-testid=test-connection]')
  let text = await (await page.waitForSelector('[data-testid=test-result]')).textContent()
  if (!text.includes('Connection failed (authentication)')) throw new Error(`expected an authentication failure, got: ${text}`)
  await page.fill('#field-password', MY.password)
  await page.click('[data-testid=test-connection]')
  await page.waitForSelector('[data-testid=test-result]:has-text("Connection works.")')
  await page.click('button[type=submit]')
  await page.waitForSelector(`tr[data-connector="${destName}"]`)
  // Test from the list records the status; editing shows no secret.
  const row = page.locator(`tr[data-connector="${destName}"]`)
  await row.getByRole('button', { name: 'Test' }).click()
  await row.locator('[data-testid=status]:has-text("ok")').waitFor()
  await shot('connectors')
  await row.getByRole('link', { name: 'Edit' }).click()
  await page.waitForSelector('#field-password')
  expectEq(await page.inputValue('#field-password'), '', 'stored password in the edit form')
  if (!(await page.getAttribute('#field-password', 'placeholder')).includes('leave empty to keep')) throw new Error('no keep-secret hint')
  if ((await page.content()).includes(MY.password)) throw new Error('the stored password appears in the page')
})

await step('task builder: two tables by search and pattern, settings, save', async () => {
  await page.goto('/tasks/new')
  await page.fill('#task-name', taskName)
  await page.selectOption('#task-source', { label: `${sourceName} (postgresql)` })
  await page.selectOption('#task-destination', { label: `${destName} (mysql)` })
  await page.waitForSelector('[data-testid=table-browser] label[data-table=orders]')
  await page.fill('input[aria-label="Search tables"]', 'ord')
  expectEq(await page.locator('[data-testid=table-browser] .checklist label').count(), 1, 'tables matching "ord"')
  await page.check('[data-testid=select-all]')
  await page.fill('input[aria-label="Search tables"]', '')
  await page.fill('input[aria-label="Table pattern"]', 'cust*')
  await page.getByRole('button', { name: 'Select matching' }).click()
  const chips = await page.locator('[data-testid=selected-tables] .chip').allTextContents()
  expectEq(chips.map((c) => c.replace('×', '').trim()).sort().join(','), 'customers,orders', 'selected tables')
  // issue 14.1: with no target schema the tables land in the MariaDB connector's own database, shown before saving
  await page.waitForSelector(`[data-testid=table-targets] li[data-source="public.orders"]:has-text("→ ${MY.db}.orders")`)
  await page.waitForSelector(`[data-testid=table-targets] li[data-source="public.customers"]:has-text("→ ${MY.db}.customers")`)
  await page.fill('#task-target-schema', MY.db)
  await page.selectOption('#task-write-mode', 'overwrite')
  await page.fill('#task-batch', '5000')
  await page.fill('#task-max-parallel', '2')
})

{
  await step('transformation editor: uppercase customers.country, the preview shows its effect', async () => {
    await page.selectOption('#transform-table', 'customers')
    await page.selectOption('[data-testid=add-transformation-type]', 'uppercase')
    await page.click('[data-testid=add-transformation]')
    // issue 14.11: once the preview knows the table's columns, the column is picked from a list
    await page.waitForSelector('#t0-column option[value=country]', { state: 'attached' })
    await page.selectOption('#t0-column', 'country')
    const countries = (side) => page.evaluate((sel) => {
      const grid = document.querySelector(sel)
      if (!grid) return []
      const col = [...grid.querySelectorAll('thead th')].findIndex((th) => th.textContent.trim().startsWith('country'))
      return col < 0 ? [] : [...grid.querySelectorAll('tbody tr')].map((tr) => tr.children[col]?.textContent.trim())
    }, `[data-testid=${side}]`)
    const deadline = Date.now() + 20_000
    while (!(await countries('preview-after')).includes('FR')) {
      if (Date.now() > deadline) throw new Error(`preview never showed upper-case countries: ${await countries('preview-after')}`)
      await page.waitForTimeout(200)
    }
    const after = await countries('preview-after')
    const before = await countries('preview-before')
    expectEq(after.length, 20, 'preview rows')
    expectEq(after.join(','), before.map((c) => c.toUpperCase()).join(','), 'preview after = upper-cased before')
    if (!before.includes('fr')) throw new Error(`preview "before" should keep lower-case countries: ${before}`)
    await page.waitForSelector('[data-testid=preview-kept]:has-text("Kept 20 of 20 sample rows")')
    expectEq(await page.locator('[data-testid=preview-after] td.changed').count(), 20, 'changed country cells highlighted')
  })
}

await step('save the task', async () => {
  await shot('task-builder')
  await page.click('button[type=submit]')
  await page.waitForURL(/\/tasks\/\d+$/)
  taskUrl = new URL(page.url()).pathname
  await page.waitForSelector('[data-testid=no-executions]')
  await page.waitForSelector('[data-testid=task-summary]:has-text("customers (uppercase)")')
})

await step('start it and watch live progress over /ws reach completion (no reload, no polling)', async () => {
  await page.evaluate(() => { window.__e2eSamePage = true })
  const seen = new Set()
  await page.click('button[data-action=start]')
  const deadline = Date.now() + 120_000
  for (;;) {
    const status = await page.locator('[data-testid=executions] tbody tr').first().locator('[data-testid=status]').textContent().catch(() => '')
    const rows = await page.locator('[data-testid=executions] tbody tr').first().locator('[data-testid=execution-rows]').textContent().catch(() => '')
    seen.add(`${status}:${rows}`)
    if (status === 'completed') break
    if (status === 'failed') throw new Error(`execution failed: ${await page.textContent('[data-testid=executions]')}`)
    if (Date.now() > deadline) throw new Error(`not completed in time; seen ${[...seen].join(' ')}`)
    await page.waitForTimeout(150)
  }
  console.log(`\n     progress seen: ${[...seen].join(' | ')}`)
  if (!(await page.evaluate(() => window.__e2eSamePage === true))) throw new Error('the page reloaded')
  const rows = num(await page.locator('[data-testid=executions] tbody tr').first().locator('[data-testid=execution-rows]').textContent())
  expectEq(rows, CUSTOMERS + ORDERS, 'processed rows shown')
  const bar = page.locator('[data-testid=executions] tbody tr').first().locator('[role=progressbar]')
  expectEq(await bar.getAttribute('aria-valuenow'), '100', 'progress bar at the end')
})

await step('history: per-table drill-down shows each table\'s rows', async () => {
  await page.waitForSelector('[data-testid=execution-tables] tr[data-table]')
  const tableRows = {}
  for (const r of await page.locator('[data-testid=execution-tables] tr[data-table]').all()) {
    tableRows[(await r.getAttribute('data-table')).replace(/^public\./, '')] = num(await r.locator('[data-testid=table-rows]').textContent())
  }
  expectEq(tableRows.customers, CUSTOMERS, 'customers rows')
  expectEq(tableRows.orders, ORDERS, 'orders rows')
  const target = await page.locator('[data-testid=execution-tables] tr[data-table="public.orders"] [data-testid=table-target]').textContent()
  expectEq(target.trim(), `${MY.db}.orders`, 'the run\'s table view shows where orders landed')
  await shot('task-detail')
})

await step('tasks list: status and last run', async () => {
  await page.goto('/tasks')
  const row = page.locator(`tr[data-task="${taskName}"]`)
  await row.locator('[data-testid=status]:has-text("completed")').waitFor()
  if (!(await row.textContent()).includes(`${(CUSTOMERS + ORDERS).toLocaleString('en-US')} rows`)) throw new Error('last run rows missing')
  await row.locator('button[data-action=start]').waitFor()
  await shot('tasks')
})

// issue 14.6: at 1024 px every Delete button is inside its table's visible area, not cut off behind a scrollbar
await step('1024 px: the Delete buttons of Tasks and Connectors are visible', async () => {
  await page.setViewportSize({ width: 1024, height: 900 })
  const clipped = () => page.evaluate(() => [...document.querySelectorAll('button.danger')].filter((b) => {
    const r = b.getBoundingClientRect()
    const box = (b.closest('.scroll') ?? document.documentElement).getBoundingClientRect()
    return r.width === 0 || r.right > Math.min(box.right, window.innerWidth) + 0.5 || r.left < box.left - 0.5
  }).length)
  await page.goto('/tasks')
  await page.locator(`tr[data-task="${taskName}"] button.danger`).waitFor()
  expectEq(await clipped(), 0, 'cut-off Delete buttons on Tasks')
  await shot('tasks-1024')
  await page.goto('/connectors')
  await page.locator(`tr[data-connector="${destName}"] button.danger`).waitFor()
  expectEq(await clipped(), 0, 'cut-off Delete buttons on Connectors')
  await shot('connectors-1024')
  await page.setViewportSize({ width: 1280, height: 900 })
})

await step('dashboard: a second run shows up under active executions and completes live', async () => {
  await page.goto('/')
  await page.waitForSelector('[data-testid=live-indicator]:has-text("live")')
  const taskId = taskUrl.split('/').pop()
  const res = await page.request.post(`${BASE}/api/tasks/${taskId}/start`)
  if (res.status() !== 202) throw new Error(`start answered ${res.status()}`)
  const execution = (await res.json()).id
  const row = page.locator(`[data-testid=active-executions] tr[data-execution="${execution}"]`)
  await row.waitFor()
  await row.locator('[data-testid=status]:has-text("completed")').waitFor({ timeout: 120_000 })
  expectEq(num(await row.locator('[data-testid=live-rows]').textContent()), CUSTOMERS + ORDERS, 'rows on the dashboard')
  expectEq(await row.locator('[role=progressbar]').getAttribute('aria-valuenow'), '100', 'dashboard progress bar')
})

await step('dashboard: recent activity lists the runs', async () => {
  await page.goto('/')
  await page.waitForSelector(`[data-testid=recent-activity] >> text=${taskName}`)
  await page.waitForTimeout(2500) // a couple of throughput samples
  await shot('dashboard')
  await page.setViewportSize({ width: 768, height: 1000 })
  await shot('dashboard-768')
  await page.setViewportSize({ width: 1280, height: 900 })
})

// issue 14.2: one source of truth: every view shows the API's figure for a run
await step('the dashboard, the task page and the tasks list show the API\'s numbers for a run', async () => {
  const taskId = taskUrl.split('/').pop()
  const runs = await (await page.request.get(`${BASE}/api/tasks/${taskId}/executions`)).json()
  const last = runs[0]
  expectEq(last.status, 'completed', 'latest run')
  expectEq(last.run_number, runs.length, 'runs numbered per task')
  await page.goto('/')
  const recentRow = page.locator(`[data-testid=recent-activity] tr[data-execution="${last.id}"]`)
  await recentRow.waitFor()
  expectEq(num(await recentRow.locator('[data-testid=recent-rows]').textContent()), last.processed_rows, 'dashboard rows = API')
  expectEq(await recentRow.locator('[data-testid=recent-rate]').textContent(), `${Math.round(last.rows_per_second).toLocaleString('en-US')} rows/s`, 'dashboard rate = API')
  await page.goto(`${taskUrl}?run=${last.id}`)
  const row = page.locator(`[data-testid=executions] tr[data-execution="${last.id}"]`)
  await row.waitFor()
  expectEq(num(await row.locator('[data-testid=execution-rows]').textContent()), last.processed_rows, 'task page rows = API')
  await page.waitForSelector(`[data-testid=selected-run][data-execution="${last.id}"]`)
  expectEq(num(await page.textContent('[data-testid=run-rows]')), last.processed_rows, 'run detail rows = API')
  const tableSum = last.table_progress.reduce((s, t) => s + t.rows, 0)
  expectEq(tableSum, last.processed_rows, 'API: the tables add up to the run')
  expectEq(await page.textContent('[data-testid=run-trigger]'), 'started by hand', 'trigger of a run started through the API')
})

let streamTaskId = null
await step('streaming monitor: a full_load_then_cdc task with a writer running shows the load, then the stream', async () => {
  const cs = await (await page.request.get(`${BASE}/api/connectors`)).json()
  const source = cs.find((c) => c.name === sourceName).id
  const destination = cs.find((c) => c.name === destName).id
  const res = await page.request.post(`${BASE}/api/tasks`, { data: {
    name: `UI stream ${SUFFIX}`, description: null, source_connector_id: source, destination_connector_id: destination,
    mode: 'full_load_then_cdc', schedule_type: 'on_demand',
    config: { tables: ['stream_items'], target_schema: MY.db, write_mode: 'merge', batch_size: 500, cdc_poll_interval: 1 } } })
  if (res.status() !== 201) throw new Error(`create stream task answered ${res.status()}: ${await res.text()}`)
  streamTaskId = (await res.json()).id
  await page.goto(`/tasks/${streamTaskId}`)
  await page.click('button[data-action=start]')
  await page.waitForSelector('[data-testid=stream-monitor][data-phase=streaming]', { timeout: 120_000 })
  await page.waitForSelector('[data-testid=phase-load]:has-text("✓")')
  const inserts = async () => num(await page.locator('[data-testid=monitor-tables] [data-testid=monitor-inserts]').first().textContent())
  const deadline = Date.now() + 60_000
  let first = await inserts()
  while (first < 5 || (await inserts()) <= first) { // changes arrive live, without reloading
    if (Date.now() > deadline) throw new Error(`no live inserts on the monitor: ${first}`)
    await page.waitForTimeout(500)
    if (first < 5) first = await inserts()
  }
  const loaded = num(await page.locator('[data-testid=monitor-tables] [data-testid=monitor-loaded]').first().textContent())
  if (loaded < 2000) throw new Error(`the load's rows are no longer shown once streaming: ${loaded}`)
  if ((await page.textContent('[data-testid=monitor-lag]')).trim() === '—') throw new Error('no lag shown')
  await page.waitForSelector('[data-testid=lag-chart]')
  await page.waitForTimeout(3000) // a few lag samples for the chart in the screenshot
  await page.locator('[data-testid=selected-run]').screenshot({ path: join(SHOTS, 'stream-monitor.png') })
  // the dashboard's active executions show the stream's lag
  await page.goto('/')
  await page.waitForSelector('[data-testid=active-executions] [data-testid=live-stream] [data-testid=live-lag]', { timeout: 30_000 })
})

await step('pause → resume: the paused run keeps its numbers, the resumed one is #2 and streams on', async () => {
  await page.goto(`/tasks/${streamTaskId}`)
  await page.waitForSelector('[data-testid=stream-monitor][data-phase=streaming]')
  await page.click('button[data-action=pause]')
  const firstRow = page.locator('[data-testid=executions] tr[data-run="1"]')
  await firstRow.locator('[data-testid=status]:has-text("paused")').waitFor({ timeout: 60_000 })
  const api1 = (await (await page.request.get(`${BASE}/api/tasks/${streamTaskId}/executions`)).json())[0]
  expectEq(api1.status, 'paused', 'API status after pause')
  const shownPaused = num(await firstRow.locator('[data-testid=execution-rows]').textContent())
  expectEq(shownPaused, api1.processed_rows, 'paused run rows = API')
  if (api1.table_progress.some((t) => t.state === 'running')) throw new Error('a paused run lists a running table')
  await page.click('button[data-action=resume]')
  const second = page.locator('[data-testid=executions] tr[data-run="2"]')
  await second.waitFor({ timeout: 30_000 })
  await firstRow.locator('[data-testid=status]:has-text("resumed by #2")').waitFor()
  await second.locator('[data-testid=run-trigger-cell]:has-text("resume")').waitFor()
  await page.waitForSelector('[data-testid=selected-run] h2:has-text("Run #2")')
  await page.waitForSelector('[data-testid=stream-monitor][data-phase=streaming]', { timeout: 60_000 })
  const deadline = Date.now() + 60_000
  while (num(await page.locator('[data-testid=monitor-inserts]').first().textContent()) < 1) {
    if (Date.now() > deadline) throw new Error('the resumed run applies no changes')
    await page.waitForTimeout(500)
  }
  const api1After = (await (await page.request.get(`${BASE}/api/executions/${api1.id}`)).json())
  expectEq(api1After.processed_rows, api1.processed_rows, 'the paused run\'s rows do not go backwards or change')
  page.once('dialog', (d) => d.accept())
  await page.click('button[data-action=stop]')
  await second.locator('[data-testid=status]:has-text("stopped")').waitFor({ timeout: 60_000 })
  const del = await page.request.delete(`${BASE}/api/tasks/${streamTaskId}`) // drops its slot and stream state
  if (del.status() >= 300) throw new Error(`delete stream task answered ${del.status()}`)
})

await step('database browser: tree, columns with PK/FK, data preview', async () => {
  await page.goto('/browser')
  await page.selectOption('[data-testid=browser-connector]', { label: `${sourceName} (postgresql)` })
  await page.waitForSelector('[data-testid=catalog-tree] >> text=public')
  await page.click('[data-testid=catalog-tree] button:has-text("public")')
  await page.click('[data-testid=catalog-tree] button[data-table="public.orders"]')
  await page.waitForSelector('[data-testid=columns] tr[data-column=customer_id]')
  const pk = await page.textContent('[data-testid=columns] tr[data-column=id]')
  if (!pk.includes('PK 1')) throw new Error(`id is not shown as the primary key: ${pk}`)
  const fk = await page.textContent('[data-testid=columns] tr[data-column=customer_id]')
  if (!fk.includes('FK → public.customers.id')) throw new Error(`customer_id foreign key missing: ${fk}`)
  await page.click('[data-testid=tab-data]')
  await page.waitForSelector('[data-testid=grid] tbody tr')
  expectEq(await page.locator('[data-testid=grid] tbody tr').count(), 100, 'preview rows')
})

await step('query console: a read-only query on the destination shows the copied rows', async () => {
  await page.selectOption('[data-testid=browser-connector]', { label: `${destName} (mysql)` })
  await page.waitForSelector(`[data-testid=catalog-tree] >> text=${MY.db}`)
  await page.fill('#query-sql',
    'SELECT count(*) AS orders, (SELECT count(*) FROM customers WHERE country = upper(country) COLLATE utf8mb4_bin) AS upper_countries FROM orders')
  await page.click('[data-testid=run-query]')
  await page.waitForSelector('[data-testid=query-summary]')
  const cells = await page.locator('[data-testid=query-console] [data-testid=grid] tbody tr').first().locator('td').allTextContents()
  expectEq(num(cells[0]), ORDERS, 'orders copied')
  expectEq(num(cells[1]), CUSTOMERS, 'customers copied with an upper-case country (the transformation ran)')
  await page.fill('#query-sql', 'DELETE FROM orders')
  await page.click('[data-testid=run-query]')
  await page.waitForSelector('[data-testid=query-console] [data-testid=problem]')
  await page.fill('#query-sql', 'SELECT id, country FROM customers ORDER BY id LIMIT 5')
  await page.click('[data-testid=run-query]')
  await page.waitForSelector('[data-testid=query-summary]:has-text("5 row(s)")')
  await page.click(`[data-testid=catalog-tree] button[data-table=customers]`)
  await page.click('[data-testid=tab-columns]')
  await page.waitForSelector('[data-testid=columns] tr[data-column=country]')
  await shot('database-browser')
})

{
  await step('global variables: create, test resolution', async () => {
    await page.goto('/variables')
    await page.getByRole('button', { name: 'New variable' }).click()
    await page.fill('#var-name', `region_${SUFFIX}`)
    await page.fill('#var-value', 'eu-west')
    await page.getByRole('button', { name: 'Test resolution' }).click()
    await page.waitForSelector('[data-testid=resolution]:has-text("eu-west")')
    await page.getByRole('button', { name: 'Save variable' }).click()
    await page.waitForSelector(`tr[data-variable="region_${SUFFIX}"]`)
    await page.getByRole('button', { name: 'New variable' }).click()
    await page.fill('#var-name', `max_order_${SUFFIX}`)
    await page.selectOption('#var-type', 'db_query')
    await page.selectOption('#var-connector', { label: sourceName })
    await page.fill('#var-query', 'SELECT max(id) FROM orders')
    await page.getByRole('button', { name: 'Test resolution' }).click()
    await page.waitForSelector(`[data-testid=resolution]:has-text("${ORDERS}")`)
    await page.getByRole('button', { name: 'Save variable' }).click()
    const row = page.locator(`tr[data-variable="max_order_${SUFFIX}"]`)
    await row.getByRole('button', { name: 'Test' }).click()
    await row.locator(`text=${ORDERS}`).waitFor()
    await page.selectOption('#context-task', { label: taskName })
    await page.getByRole('button', { name: 'New variable' }).click()
    await page.fill('#var-name', `task_${SUFFIX}`)
    await page.selectOption('#var-type', 'context')
    await page.fill('#var-path', 'task.name')
    await page.getByRole('button', { name: 'Test resolution' }).click()
    await page.waitForSelector(`[data-testid=resolution]:has-text("${taskName}")`)
    await shot('variables')
    await page.getByRole('button', { name: 'Save variable' }).click()
    const taskRow = page.locator(`tr[data-variable="task_${SUFFIX}"]`)
    await taskRow.getByRole('button', { name: 'Test' }).click() // stored, resolved for the chosen task
    await taskRow.locator(`text=${taskName}`).waitFor()
  })
}

await step('alerts page: reachable from the navigation, lists alerts or says there are none', async () => {
  await page.getByRole('link', { name: 'Alerts', exact: true }).click()
  await page.waitForSelector('[data-testid=alerts], [data-testid=empty]')
  await page.selectOption('[data-testid=alert-state]', '')
  await page.waitForSelector('[data-testid=alerts], [data-testid=empty]')
  await shot('alerts')
})

await step('the server going away: the dashboard greys out its last known figures under a banner, then recovers', async () => {
  await page.goto('/')
  await page.waitForSelector('[data-testid=live-indicator]:has-text("live")')
  const before = consoleErrors.length
  await context.setOffline(true)
  await page.waitForSelector('[data-testid=server-unreachable]', { timeout: 30_000 })
  await page.waitForSelector('[data-testid=health-banner]', { timeout: 30_000 })
  await page.waitForSelector('[data-testid=system-health].stale')
  await shot('dashboard-offline')
  await context.setOffline(false)
  await page.waitForSelector('[data-testid=live-indicator]:has-text("live")', { timeout: 30_000 })
  await page.waitForSelector('[data-testid=server-unreachable]', { state: 'detached', timeout: 30_000 })
  // failed requests while offline are expected; anything else is not
  consoleErrors.splice(before, consoleErrors.length - before, ...consoleErrors.slice(before).filter((e) => !/fetch|network|internet/i.test(e)))
})

await step('page URLs load directly, unknown pages say so', async () => {
  await page.goto(taskUrl)
  await page.waitForSelector('[data-testid=executions]')
  await page.goto('/no/such/page')
  await page.waitForSelector('text=Page not found')
})

await step('no script errors and no off-host requests', async () => {
  if (consoleErrors.length) throw new Error(consoleErrors.join('\n'))
})

await browser.close()
console.log(`e2e: all ${passed.length} steps passed`)
