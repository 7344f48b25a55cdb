// The button's texts for a language tag, negotiated as the wasm negotiates (`Locale::negotiate`):
// the tag's language, Chinese only with one of its listed subtags, else English. Shared by the
// element (before the wasm runs) and by `renderButtonHtml`.
import { SP_CHINESE, SP_LANGUAGES, SP_TEXT } from './generated.js';

/** `[label, busy announcement, locale]` for `tag` (any case, `-` or `_`). */
export function spTextFor(tag) {
  const [lang, ...rest] = String(tag ?? '').toLowerCase().replace(/_/g, '-').split('-');
  const [chinese, subtags] = SP_CHINESE;
  let key = lang === 'zh' ? (rest.some((p) => subtags.includes(p)) ? chinese : 'en') : SP_LANGUAGES[lang];
  if (!SP_TEXT[key]) key = 'en';
  return [...SP_TEXT[key], key];
}
