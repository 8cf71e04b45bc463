// Renderer entry: Vue app with Pinia and the router; the API transport is chosen on first use (IPC or HTTP).
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { createAppRouter } from './router';

createApp(App).use(createPinia()).use(createAppRouter()).mount('#app');
