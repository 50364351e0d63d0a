// Placeholder: the view is written by another helper.
import {addStrings} from '../i18n.js';
import {el} from '../dom.js';

addStrings({zh: {'signedIn.title': '正在登录'}, en: {'signedIn.title': 'Signing in'}});

export default async function render(root, ctx) {
  root.replaceChildren(el('h1', {}, ctx.t('signedIn.title')));
}
