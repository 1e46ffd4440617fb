// The rules of a snapshot-consistent group's Name, Description and tags (CreateSnapshotGroup,
// ModifySnapshotGroup): a snapshot's rules where they agree, with the group's own codes, and the
// differences: a group name may start with "auto", a tag value may not start with "acs:".
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkDescription, checkSnapshotName, checkTags } from '../../src/snapshot/rules';
import { GROUP_ERROR_CODES, checkGroupDescription, checkGroupName, checkGroupRequest, checkGroupTags } from '../../src/snapshot/groupRules';

describe('group name', () => {
  it('may start with "auto" (reserved for automatic snapshots only) and hold colons', () => {
    for (const name of ['auto-backup', 'autumn', 'web-01:pre-upgrade', 'Web.01_x', '备份-web01', 'ab']) {
      assert.equal(checkGroupName(name), undefined, name);
    }
    assert.equal(checkSnapshotName('auto-backup')?.code, 'InvalidSnapshotName.Malformed', 'still refused for a snapshot');
  });

  it('refuses what a snapshot name refuses, with the group code and the same words', () => {
    for (const name of ['a', 'x'.repeat(129), '1web', '-web', 'http://web', 'HTTPS://web', 'web 01', 'web/01', 'web\u{1F600}']) {
      const p = checkGroupName(name);
      assert.ok(p, name);
      assert.equal(p.code, GROUP_ERROR_CODES.name);
      assert.equal(p.code, 'InvalidParameter.Name');
      assert.equal(p.field, 'Name');
      assert.equal(p.message, checkSnapshotName(name)?.message, name);
    }
  });

  it('empty means "not given"', () => {
    assert.equal(checkGroupName(''), undefined);
  });
});

describe('group description', () => {
  it('2-256 characters when given, not starting with a URL: the group code and the same words', () => {
    for (const text of ['x', 'y'.repeat(257), 'https://wiki/upgrade', 'http://x']) {
      const p = checkGroupDescription(text);
      assert.ok(p, text);
      assert.equal(p.code, 'InvalidParameter.Description');
      assert.equal(p.field, 'Description');
      assert.equal(p.message, checkDescription(text)?.message);
    }
    for (const text of ['', 'ok', 'before the upgrade: see https://wiki', 'z'.repeat(256)]) {
      assert.equal(checkGroupDescription(text), undefined, text);
    }
  });
});

describe('group tags', () => {
  it('a value may not start with "acs:" (a snapshot tag value may)', () => {
    const tags = [
      { key: 'team', value: 'web' },
      { key: 'origin', value: 'acs:ecs:createFrom' },
    ];
    assert.equal(checkTags(tags), undefined);
    const p = checkGroupTags(tags);
    assert.equal(p?.code, 'InvalidTagValue.Malformed');
    assert.equal(p?.field, 'Tag.2.Value');
    assert.match(p?.message ?? '', /tag 2 \(key 'origin'\).*'acs:'/);
  });

  it('a value merely containing "acs:" or empty is fine', () => {
    assert.equal(checkGroupTags([{ key: 'k', value: 'my acs:thing' }, { key: 'e', value: '' }]), undefined);
  });

  it('otherwise the snapshot tag rules, first problem first: keys before a later value, duplicates last', () => {
    assert.equal(checkGroupTags([{ key: 'acs:x', value: 'acs:y' }])?.field, 'Tag.1.Key');
    assert.equal(checkGroupTags([{ key: 'a', value: 'acs:y' }, { key: '', value: '' }])?.field, 'Tag.1.Value');
    assert.equal(checkGroupTags([{ key: 'a', value: '1' }, { key: 'a', value: '2' }])?.code, 'Duplicate.TagKey');
    assert.equal(checkGroupTags(Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: '' })))?.code, 'QuotaExceed.Tags');
    assert.equal(checkGroupTags([{ key: 'a', value: 'see http://x' }])?.code, 'InvalidTagValue.Malformed');
  });
});

describe('a whole group request', () => {
  it('name, then description, then tags; nothing when all is well', () => {
    assert.equal(checkGroupRequest({ name: 'auto-web01', description: 'before the upgrade', tags: [{ key: 'k', value: 'v' }] }), undefined);
    assert.equal(checkGroupRequest({ name: '1', description: 'x', tags: [{ key: '', value: '' }] })?.field, 'Name');
    assert.equal(checkGroupRequest({ name: 'ok', description: 'x', tags: [{ key: '', value: '' }] })?.field, 'Description');
    assert.equal(checkGroupRequest({ tags: [{ key: 'k', value: 'acs:v' }] })?.field, 'Tag.1.Value');
    assert.equal(checkGroupRequest({}), undefined);
  });
});
