// Lists what the Chinese translations lack after English strings changed: keys of the English
// bundle (l10n/bundle.l10n.json, regenerate with `npm run l10n` first) and of package.nls.json
// that a translation misses, keys it has that the English no longer has, and `{n}` placeholders
// it drops or adds. Exit code 1 when anything is listed.
//   node scripts/l10n-missing.mjs          a readable list
//   node scripts/l10n-missing.mjs --json   the missing entries as JSON, English text as value, to paste and translate
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const LANGUAGES = ['zh-cn', 'zh-tw'];
const PAIRS = [
  { english: 'l10n/bundle.l10n.json', translated: (lang) => `l10n/bundle.l10n.${lang}.json` },
  { english: 'package.nls.json', translated: (lang) => `package.nls.${lang}.json` },
];

/** @param {string} file @returns {Record<string, string>} */
function read(file) {
  const full = join(root, file);
  return existsSync(full) ? JSON.parse(readFileSync(full, 'utf8')) : {};
}

/** @param {string} text */
const placeholders = (text) => (text.match(/\{\d+\}/g) ?? []).sort().join(' ');

const asJson = process.argv.includes('--json');
let problems = 0;
/** @type {Record<string, Record<string, string>>} */
const missingByFile = {};

for (const pair of PAIRS) {
  const english = read(pair.english);
  for (const lang of LANGUAGES) {
    const file = pair.translated(lang);
    const translated = read(file);
    const missing = Object.keys(english).filter((key) => typeof translated[key] !== 'string' || !translated[key].trim());
    const stale = Object.keys(translated).filter((key) => !(key in english));
    const mismatched = Object.keys(english).filter((key) => key in translated && placeholders(english[key]) !== placeholders(translated[key]));
    problems += missing.length + stale.length + mismatched.length;
    missingByFile[file] = Object.fromEntries(missing.map((key) => [key, english[key]]));
    if (asJson) continue;
    if (!missing.length && !stale.length && !mismatched.length) {
      console.log(`${file}: complete`);
      continue;
    }
    console.log(`${file}: ${missing.length} missing, ${stale.length} stale, ${mismatched.length} with other placeholders`);
    for (const key of missing) console.log(`  missing     ${JSON.stringify(key)}`);
    for (const key of stale) console.log(`  stale       ${JSON.stringify(key)}`);
    for (const key of mismatched) console.log(`  placeholder ${JSON.stringify(key)} -> ${JSON.stringify(translated[key])}`);
  }
}

if (asJson) console.log(JSON.stringify(missingByFile, null, 2));
process.exitCode = problems ? 1 : 0;
