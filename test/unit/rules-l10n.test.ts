// Messages go through @vscode/l10n: with a bundle loaded, users read them in their language.
// (Its own process: l10n.config is global.)
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { checkRetentionDays, checkSnapshotName } from '../../src/snapshot/rules';
import { describeEcsProblem } from '../../src/snapshot/catalog';

it('uses the loaded bundle, with the values filled in', () => {
  l10n.config({
    contents: {
      'must start with a letter ({0} is not a letter)': 'muss mit einem Buchstaben beginnen ({0} ist kein Buchstabe)',
      'must be from {0} to {1} days (now {2})': 'muss zwischen {0} und {1} Tagen liegen (jetzt {2})',
      'A snapshot of this disk is still being created.': 'Ein Snapshot dieses Datenträgers wird noch erstellt.',
    },
  });
  assert.equal(checkSnapshotName('1a')?.message, "muss mit einem Buchstaben beginnen ('1' ist kein Buchstabe)");
  assert.equal(checkRetentionDays('0')?.message, 'muss zwischen 1 und 65536 Tagen liegen (jetzt 0)');
  assert.equal(describeEcsProblem({ code: 'IncorrectDiskStatus.CreatingSnapshot', message: '' }).title, 'Ein Snapshot dieses Datenträgers wird noch erstellt.');
  // Untranslated messages stay English.
  assert.match(checkSnapshotName('a')?.message ?? '', /^at least 2 characters/);
});

it('a combining mark is described in the shipped Chinese bundle\'s words', () => {
  const zh = JSON.parse(readFileSync(join(__dirname, '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  l10n.config({ contents: zh });
  // A combining mark (U+0301) once had its dotted circle inside the key, which the export mangled.
  const message = checkSnapshotName('cafe\u0301')?.message ?? '';
  assert.match(message, /组合附加符号/, message);
  assert.match(message, /\u25CC\u0301/, message);
});
