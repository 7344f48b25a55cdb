// The Vue recipe's types: the element is a global component for vue-tsc and Volar.
import type {} from 'seekpass-button/vue';
import type { GlobalComponents } from 'vue';

type Button = GlobalComponents['seek-pass-button'];
export const ok: Button extends object ? true : false = true;
