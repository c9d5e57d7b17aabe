import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from './load.mjs';

load('content/mask.js');
const { mask } = globalThis.VigieMask;

const cases = [
  { name: 'French mobile, spaced', type: 'PHONE', value: '06 12 34 56 78', want: '06 •• •• •• 78' },
  { name: 'French mobile, international', type: 'PHONE', value: '+33 6 12 34 56 78', want: '+33 • •• •• •• 78' },
  { name: 'phone with dots', type: 'PHONE', value: '06.12.34.56.78', want: '06.••.••.••.78' },
  { name: 'phone, no separators', type: 'PHONE', value: '0612345678', want: '06••••••78' },
  { name: 'IBAN keeps the last 4', type: 'IBAN', value: 'FR76 3000 6000 0112 3456 7890 189', want: '•••• •••• •••• •••• •••• •••0 189' },
  { name: 'IBAN without spaces', type: 'IBAN', value: 'DE89370400440532013000', want: '••••••••••••••••••3000' },
  { name: 'card keeps the last 4', type: 'PAYMENT_CARD', value: '4970 1012 3456 7890', want: '•••• •••• •••• 7890' },
  { name: 'email keeps first letter and domain', type: 'EMAIL', value: 'marie.dupont@gmail.com', want: 'm•••@gmail.com' },
  { name: 'email with accent', type: 'EMAIL', value: 'élodie@orange.fr', want: 'é•••@orange.fr' },
  { name: 'name keeps initials', type: 'PERSON_NAME', value: 'Marie Dupont', want: 'M. D.' },
  { name: 'other types mask every letter and digit', type: 'NATIONAL_ID', value: '1 85 05 78 006 084 36', want: '• •• •• •• ••• ••• ••' },
];

for (const c of cases) {
  test(c.name, () => {
    const got = mask(c.type, c.value);
    assert.equal(got, c.want, `got ${JSON.stringify(got)}, want ${JSON.stringify(c.want)}`);
  });
}
