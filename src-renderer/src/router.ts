// Routes of the renderer, each screen loaded on demand. Hash history: works from file:// in Electron and
// under /_ui/ in a browser.
import { createRouter, createWebHashHistory, type Router } from 'vue-router';

/** Build the router (a fresh one per app, so tests can mount their own). */
export function createAppRouter(): Router {
  return createRouter({
    history: createWebHashHistory(),
    routes: [
      { path: '/', redirect: '/buckets' },
      { path: '/buckets', name: 'buckets', component: () => import('./views/BucketsView.vue') },
      { path: '/buckets/:bucket/:tab(objects|webhooks|live)?', name: 'bucket', component: () => import('./views/BucketView.vue'), props: true },
      { path: '/deliveries', name: 'deliveries', component: () => import('./views/DeliveriesView.vue') },
      { path: '/inbox', name: 'inbox', component: () => import('./views/InboxView.vue') },
      { path: '/catalog', name: 'catalog', component: () => import('./views/CatalogView.vue') },
      { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue') },
    ],
  });
}
