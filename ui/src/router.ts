import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'dashboard', component: () => import('./pages/DashboardPage.vue'), meta: { title: 'Dashboard' } },
  { path: '/connectors', name: 'connectors', component: () => import('./pages/ConnectorsPage.vue'), meta: { title: 'Connectors' } },
  { path: '/connectors/new', name: 'connector-new', component: () => import('./pages/ConnectorFormPage.vue'), meta: { title: 'New connector' } },
  { path: '/connectors/:id/edit', name: 'connector-edit', component: () => import('./pages/ConnectorFormPage.vue'), props: true, meta: { title: 'Edit connector' } },
  { path: '/tasks', name: 'tasks', component: () => import('./pages/TasksPage.vue'), meta: { title: 'Tasks' } },
  { path: '/tasks/new', name: 'task-new', component: () => import('./pages/TaskBuilderPage.vue'), meta: { title: 'Task builder' } },
  { path: '/tasks/:id/edit', name: 'task-edit', component: () => import('./pages/TaskBuilderPage.vue'), props: true, meta: { title: 'Task builder' } },
  { path: '/tasks/:id', name: 'task', component: () => import('./pages/TaskDetailPage.vue'), props: true, meta: { title: 'Task' } },
  { path: '/alerts', name: 'alerts', component: () => import('./pages/AlertsPage.vue'), meta: { title: 'Alerts' } },
  { path: '/variables', name: 'variables', component: () => import('./pages/VariablesPage.vue'), meta: { title: 'Global variables' } },
  { path: '/browser/:connectorId?', name: 'browser', component: () => import('./pages/BrowserPage.vue'), props: true, meta: { title: 'Database browser' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { title: 'Not found' } },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.afterEach((to) => {
  document.title = `${String(to.meta.title ?? 'DTaaS')} · DTaaS`
})
