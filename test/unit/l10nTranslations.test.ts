// The Chinese translations keep up with the English strings: every key translated, every
// placeholder, codicon, command link and code span carried over, and nothing left in English.
// `node scripts/l10n-missing.mjs` lists what is missing after strings change.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const LANGUAGES = ['zh-cn', 'zh-tw'] as const;

type Strings = Record<string, string>;

function readJson(file: string): Strings {
  return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Strings;
}

// Strings that are the same in every language: ids, units, product names. (Strings made only of
// placeholders, codicons and punctuation, such as '{0} · {1}', need no translation either.)
const SAME_IN_EVERY_LANGUAGE = new Set(['ID', '{0} GiB', 'key=value', 'AccessKey {0}']);
const wordless = (text: string) => !/[a-z]/i.test(text.replace(/\{\d+\}|\$\([^)]*\)/g, ''));

/** `{0}`-style placeholders, sorted: a translation may reorder them but not drop or add one. */
function placeholders(text: string): string[] {
  return (text.match(/\{\d+\}/g) ?? []).sort();
}

/** Things a translation must carry over unchanged: codicons, command links, setting links, code spans. */
function fixedParts(text: string): string[] {
  const parts = [
    ...(text.match(/\$\([a-z0-9~-]+\)/g) ?? []),
    ...(text.match(/\(command:[^)]+\)/g) ?? []),
    ...(text.match(/#[a-zA-Z]+(\.[a-zA-Z]+)+#/g) ?? []),
    ...(text.match(/`[^`]+`/g) ?? []),
  ];
  return parts.sort();
}

/** A manifest value that is a per-language file, e.g. media/walkthrough/en/connect.md. */
const isPage = (text: string) => /^media\/.*\/en\/[^/]+\.md$/.test(text);

const hasChinese = (text: string) => /\p{Script=Han}/u.test(text);

const sources = [
  { name: 'runtime bundle', english: 'l10n/bundle.l10n.json', translated: (lang: string) => `l10n/bundle.l10n.${lang}.json` },
  { name: 'manifest', english: 'package.nls.json', translated: (lang: string) => `package.nls.${lang}.json` },
];

for (const source of sources) {
  const english = readJson(source.english);
  for (const lang of LANGUAGES) {
    describe(`${source.name} ${lang}`, () => {
      const file = source.translated(lang);
      const translated = fs.existsSync(path.join(root, file)) ? readJson(file) : {};

      it(`${file} translates every key of ${source.english}`, () => {
        const missing = Object.keys(english).filter((key) => typeof translated[key] !== 'string' || translated[key].trim() === '');
        assert.deepEqual(missing, [], `missing in ${file} (run node scripts/l10n-missing.mjs)`);
      });

      it(`${file} has no key the English no longer has`, () => {
        assert.deepEqual(Object.keys(translated).filter((key) => !(key in english)), []);
      });

      it(`points every page (walkthrough Markdown) to its ${lang} version`, () => {
        const wrong = Object.keys(english)
          .filter((key) => isPage(english[key]) && translated[key] !== english[key].replace('/en/', `/${lang}/`))
          .map((key) => `${key} -> ${translated[key]}`);
        assert.deepEqual(wrong, []);
      });

      it('keeps every {n} placeholder, no more and no fewer', () => {
        const wrong = Object.keys(english)
          .filter((key) => key in translated)
          .filter((key) => placeholders(english[key]).join() !== placeholders(translated[key]).join())
          .map((key) => `${key} -> ${translated[key]}`);
        assert.deepEqual(wrong, []);
      });

      it('keeps codicons, command links, setting links and code spans', () => {
        const wrong = Object.keys(english)
          .filter((key) => key in translated)
          .filter((key) => fixedParts(english[key]).join('\n') !== fixedParts(translated[key]).join('\n'))
          .map((key) => `${key} -> ${translated[key]}`);
        assert.deepEqual(wrong, []);
      });

      it('translates every string (only the allow-list may equal the English)', () => {
        const untranslated = Object.keys(english)
          .filter((key) => key in translated && !SAME_IN_EVERY_LANGUAGE.has(english[key]) && !wordless(english[key]) && !isPage(english[key]))
          .filter((key) => translated[key] === english[key] || (!hasChinese(translated[key]) && /[a-z]{3,}/i.test(english[key].replace(/`[^`]*`|\$\([^)]*\)|\(command:[^)]*\)/g, ''))))
          .map((key) => `${key} -> ${translated[key]}`);
        assert.deepEqual(untranslated, []);
      });
    });
  }
}

describe('Simplified and Traditional differ', () => {
  it('zh-tw is not zh-cn with the same words: Taiwan terms where usage differs', () => {
    const tw = readJson('l10n/bundle.l10n.zh-tw.json');
    const all = Object.values(tw).join('\n') + Object.values(readJson('package.nls.zh-tw.json')).join('\n');
    // Mainland usage written in Traditional characters, the mistake of a character converter;
    // Taiwan says 雲端硬碟 執行個體 設定 預設 網路 資訊 帳號 檢視 記錄 建立 磁碟 伺服器 連結
    // 文字 使用者 支援 重新整理 資料 字元 登入.
    const mainland = ['雲盤', '實例', '設置', '默認', '網絡', '信息', '賬號', '賬戶', '視圖', '日誌', '創建', '磁盤', '服務器', '鏈接', '文本', '用戶', '支持', '刷新', '數據', '字符', '登錄'];
    const found = mainland.filter((word) => all.includes(word));
    assert.deepEqual(found, []);
    // Simplified characters have no place in the Traditional bundle.
    const simplified = ['云', '盘', '实', '设', '数', '据', '标', '档', '与', '个', '创', '删', '载', '网', '络', '务', '进', '选', '时', '请', '错', '误', '检', '查询', '这', '为', '态', '键', '复', '储'];
    assert.deepEqual(simplified.filter((ch) => all.includes(ch)), []);
    const terms = ['雲端硬碟', '執行個體', '設定', '快照', '地域', '標籤', '保留天數'];
    assert.deepEqual(terms.filter((word) => !all.includes(word)), []);
  });

  it('zh-cn uses the console terms of Alibaba Cloud China', () => {
    const cn = Object.values(readJson('l10n/bundle.l10n.zh-cn.json')).join('\n') + Object.values(readJson('package.nls.zh-cn.json')).join('\n');
    const terms = ['云盘', '实例', '快照', '地域', '标签', '保留天数', '访问密钥'];
    assert.deepEqual(terms.filter((word) => !cn.includes(word)), []);
    // Traditional characters have no place in the Simplified bundle.
    const traditional = ['雲', '執', '設', '盤', '數', '據', '標', '檔', '與', '個'];
    assert.deepEqual(traditional.filter((ch) => cn.includes(ch)), []);
  });
});
