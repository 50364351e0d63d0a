// Placeholder: the view is written by another helper.
import {addStrings} from '../i18n.js';
import {el} from '../dom.js';

addStrings({zh: {'consent.title': '授权确认'}, en: {'consent.title': 'Consent'}});

export default async function render(root, ctx) {
  root.replaceChildren(el('h1', {}, ctx.t('consent.title')));
}
