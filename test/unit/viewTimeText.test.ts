// Dates and times follow VS Code's display language; the time zone is passed so the texts are exact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDateTime, setDisplayLanguage, timeValue } from '../../src/view/timeText';

const API_TIME = '2026-11-27T07:05:00Z';
const SHANGHAI = 'Asia/Shanghai';

test('each display language writes the date and time its own way', () => {
  assert.equal(formatDateTime(API_TIME, { language: 'en', timeZone: SHANGHAI }), 'Nov 27, 2026, 3:05 PM');
  assert.equal(formatDateTime(API_TIME, { language: 'zh-cn', timeZone: SHANGHAI }), '2026年11月27日 15:05');
  assert.equal(formatDateTime(API_TIME, { language: 'zh-tw', timeZone: SHANGHAI }), '2026年11月27日 下午3:05');
});

test('the language set at activation is the one used when none is passed', () => {
  try {
    setDisplayLanguage('zh-tw');
    assert.equal(formatDateTime(API_TIME, { timeZone: SHANGHAI }), '2026年11月27日 下午3:05');
    setDisplayLanguage('zh-cn');
    assert.equal(formatDateTime(API_TIME, { timeZone: 'UTC' }), '2026年11月27日 07:05');
  } finally {
    setDisplayLanguage('en');
  }
  assert.equal(formatDateTime(API_TIME, { timeZone: 'UTC' }), 'Nov 27, 2026, 7:05 AM');
});

test('a language Intl cannot use falls back to English instead of throwing', () => {
  assert.equal(formatDateTime(API_TIME, { language: 'not a language!', timeZone: 'UTC' }), 'Nov 27, 2026, 7:05 AM');
  try {
    setDisplayLanguage('');
    assert.equal(formatDateTime(API_TIME, { timeZone: 'UTC' }), 'Nov 27, 2026, 7:05 AM');
  } finally {
    setDisplayLanguage('en');
  }
});

test('text that is not a date is shown as the API gave it, and sorts last', () => {
  assert.equal(formatDateTime('', { language: 'zh-tw' }), '');
  assert.equal(formatDateTime('soon', { language: 'zh-tw' }), 'soon');
  assert.equal(timeValue('soon'), 0);
  assert.equal(timeValue(API_TIME), Date.parse(API_TIME));
});
