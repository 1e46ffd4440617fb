// DescribeDisks models -> Disk at 100,000 disks (issue 12): the same values, with no array made
// per disk for tags or locks it does not have (each one is young-generation garbage while loading).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toDisk } from '../../src/ecs/mapModels';

test('tags and locks: mapped, the empty ones dropped; a disk with none shares one empty, frozen list', () => {
  const tagged = toDisk({
    diskId: 'd-1',
    tags: { tag: [{ tagKey: 'env', tagValue: 'prod' }, { tagKey: '', tagValue: 'x' }, { tagKey: 'team' }] },
    operationLocks: { operationLock: [{ lockReason: 'security' }, { lockReason: '' }, {}] },
  } as never);
  assert.deepEqual(tagged.tags, [{ key: 'env', value: 'prod' }, { key: 'team', value: '' }]);
  assert.deepEqual(tagged.lockReasons, ['security']);
  const a = toDisk({ diskId: 'd-2' } as never);
  const b = toDisk({ diskId: 'd-3', tags: { tag: [] }, operationLocks: { operationLock: [{ lockReason: '' }] } } as never);
  assert.deepEqual(a.tags, []);
  assert.deepEqual(a.lockReasons, []);
  assert.equal(a.tags, b.tags, 'an empty tag list per disk');
  assert.equal(a.lockReasons, b.lockReasons, 'an empty lock list per disk');
  assert.ok(Object.isFrozen(a.tags) && Object.isFrozen(a.lockReasons), 'a shared list must not be changeable');
});
