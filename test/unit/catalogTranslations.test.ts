// Every error the catalog can describe reads as Chinese advice once a Chinese bundle is loaded:
// the title and action are translated, filled in and free of leftover placeholders.
// (Its own process: l10n.config is global.)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { describeEcsProblem, formatForUser, type EcsErrorLike } from '../../src/snapshot/catalog';
import { CATALOG } from '../../src/snapshot/catalogEntries';
import { ACTION_CATALOG } from '../../src/snapshot/catalogRestore';

const root = path.resolve(__dirname, '..', '..');
const SAMPLE_VALUES = ['d-bp1sample0000000001', '3'];

/** The server message an entry expects, with sample values in its %s slots. */
function sampleMessage(template: string | undefined): string {
  if (!template) return 'The server says something.';
  let i = 0;
  return template.replace(/%s/g, () => SAMPLE_VALUES[i++ % SAMPLE_VALUES.length]);
}

// Each entry of catalogEntries.ts and catalogRestore.ts, plus the variants its text depends on (throttling with and without Retry-After,
// a balance message, an unknown code and the failures that never reached ECS).
const errors: EcsErrorLike[] = [
  ...Object.entries(CATALOG).flatMap(([code, entry]) => [
    { code, message: sampleMessage(entry.template), requestId: 'REQ-1', action: 'CreateSnapshot' },
    { code, message: '', action: 'CreateSnapshot', retryAfterSeconds: 7 },
  ]),
  // The rollback actions' own entries (ResetDisk, Stop/StartInstance...), by HTTP status where it matters.
  ...Object.entries(ACTION_CATALOG).flatMap(([action, entries]) =>
    Object.entries(entries).flatMap(([code, entry]) =>
      [400, 500].map((httpStatus) => ({ code, message: sampleMessage(entry.template), requestId: 'REQ-1', action, httpStatus })),
    ),
  ),
  { code: 'InvalidAccountStatus.NotEnoughBalance', message: 'Your account does not have enough balance to order postpaid product.' },
  { code: 'Some.UnknownCode', message: '' },
  { code: 'Some.UnknownCode', message: '', httpStatus: 503 },
  { code: 'NetworkError', message: '', kind: 'network' },
  { code: 'Timeout', message: '', kind: 'timeout' },
  { code: 'NoCredentials', message: '', kind: 'credentials' },
  { code: 'BadResponse', message: '', kind: 'protocol' },
  { code: 'BadResponse', message: '', kind: 'protocol', httpStatus: 502 },
];

const english = errors.map((error) => describeEcsProblem(error));

for (const lang of ['zh-cn', 'zh-tw']) {
  describe(`error catalog in ${lang}`, () => {
    it('every entry renders translated, with its values and no leftover placeholder', () => {
      const contents = JSON.parse(fs.readFileSync(path.join(root, 'l10n', `bundle.l10n.${lang}.json`), 'utf8')) as Record<string, string>;
      l10n.config({ contents });
      try {
        const problems: string[] = [];
        errors.forEach((error, i) => {
          const p = describeEcsProblem(error);
          const line = formatForUser(p);
          for (const [part, text] of [['title', p.title], ['action', p.action], ['line', line]] as const) {
            const where = `${error.code} ${part}: ${text}`;
            if (!text.trim()) problems.push(`${where} (empty)`);
            if (/\{\d+\}|%s/.test(text)) problems.push(`${where} (leftover placeholder)`);
            if (!/\p{Script=Han}/u.test(text)) problems.push(`${where} (not translated)`);
          }
          if (p.title === english[i].title || p.action === english[i].action) problems.push(`${error.code}: same as English`);
          if (error.code === 'QuotaExceed.ConcurrentSnapshotQuota' && error.message && !p.title.includes(SAMPLE_VALUES[0])) {
            problems.push(`${error.code}: the disk ID is not in "${p.title}"`);
          }
          if (error.retryAfterSeconds === 7 && /^Throttling/.test(error.code) && !p.action.includes('7')) {
            problems.push(`${error.code}: the wait is not in "${p.action}"`);
          }
          if (error.requestId && !line.includes('REQ-1')) problems.push(`${error.code}: no request ID in "${line}"`);
        });
        assert.deepEqual(problems, []);
      } finally {
        l10n.config({ contents: {} });
      }
    });
  });
}
