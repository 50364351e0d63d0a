// Placeholder: the view is written by another helper.
import {addStrings} from '../i18n.js';
import {el} from '../dom.js';

addStrings({zh: {'loans.title': '我的贷款'}, en: {'loans.title': 'My loans'}});

export default async function render(root, ctx) {
  root.replaceChildren(el('h1', {}, ctx.t('loans.title')));
}
