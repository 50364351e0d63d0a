import {addStrings} from '../i18n.js';
import {el} from '../dom.js';

addStrings({zh: {'withdraw.title': '提取'}, en: {'withdraw.title': 'Withdraw'}});

export default async function render(root, ctx) {
  root.replaceChildren(el('h1', {}, ctx.t('withdraw.title')));
}
