// The group rules' and the group plan's messages read in Chinese once a Chinese bundle is loaded,
// with their values filled in. (Its own process: l10n.config is global.)
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { checkGroupName, checkGroupTags } from '../../src/snapshot/groupRules';
import { planGroup, type GroupCandidateDisk } from '../../src/snapshot/groupPlan';

const disk = (diskId: string, fields: Partial<GroupCandidateDisk> = {}): GroupCandidateDisk => ({
  diskId,
  category: 'cloud_essd',
  zoneId: 'cn-hangzhou-i',
  sizeGiB: 40_000,
  status: 'In_use',
  type: 'data',
  ...fields,
});

for (const lang of ['zh-cn', 'zh-tw']) {
  it(`group messages in ${lang}`, () => {
    l10n.config({ contents: JSON.parse(readFileSync(join(__dirname, '..', '..', 'l10n', `bundle.l10n.${lang}.json`), 'utf8')) as Record<string, string> });
    try {
      const plan = planGroup([
        ...Array.from({ length: 17 }, (_, i) => disk(`d-${i}`)),
        disk('d-old', { category: 'cloud_efficiency' }),
        disk('d-enc', { encrypted: true }),
        disk('d-sec', { lockReasons: ['security'] }),
        disk('d-due', { lockReasons: ['financial'] }),
        disk('d-att', { status: 'Attaching' }),
        disk('d-new', { neverAttached: true }),
        disk('d-multi', { multiAttach: true }),
        disk('d-busy', { creatingSnapshot: true }),
        disk('d-far', { zoneId: 'cn-hangzhou-j' }),
        disk('d-reg', { category: 'cloud_regional_disk_auto' }),
      ]);
      const regionalSide = planGroup([disk('d-r', { category: 'cloud_regional_disk_auto', type: 'system' }), disk('d-z')]);
      const messages = [
        ...plan.excluded.map((e) => e.message),
        ...plan.warnings.map((w) => w.message),
        ...regionalSide.excluded.map((e) => e.message),
        checkGroupTags([{ key: 'origin', value: 'acs:x' }])?.message ?? '',
        checkGroupName('1x')?.message ?? '',
      ];
      assert.equal(plan.excluded.length + plan.warnings.length + regionalSide.excluded.length, 10 + 2 + 1);
      for (const m of messages) {
        assert.match(m, /\p{Script=Han}/u, m);
        assert.doesNotMatch(m, /\{\d\}/, m);
      }
      assert.ok(messages.some((m) => m.includes('cn-hangzhou-j') && m.includes('cn-hangzhou-i')));
      assert.ok(messages.some((m) => m.includes('cloud_efficiency')));
      assert.ok(messages.some((m) => m.includes('Attaching')));
    } finally {
      l10n.config({ contents: {} });
    }
  });
}
