// Placeholder: the view is written by another helper.
import {addStrings} from '../i18n.js';
import {el} from '../dom.js';

addStrings({zh: {'calculator.title': '贷款计算'}, en: {'calculator.title': 'Loan calculator'}});

export default async function render(root, ctx) {
  root.replaceChildren(el('h1', {}, ctx.t('calculator.title')));
}
