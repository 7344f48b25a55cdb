import type {} from 'seekpass-button/vue';
import { defineSeekPassButton } from 'seekpass-button';
import { createApp } from 'vue';
import App from './App.vue';

defineSeekPassButton();
createApp(App).mount('#app');
