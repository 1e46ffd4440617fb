// The title-bar filter's matching rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Disk } from '../../src/ecs/gateway';
import { diskMatches, parseFilter } from '../../src/view/diskFilter';

const disk: Disk = {
  diskId: 'd-bp1abc',
  diskName: 'Web-Data',
  description: 'not searched',
  sizeGiB: 40,
  category: 'cloud_essd',
  status: 'In_use',
  type: 'data',
  instanceId: 'i-bp1xyz',
  zoneId: 'cn-hangzhou-i',
  creationTime: '',
  tags: [{ key: 'env', value: 'prod' }, { key: 'team', value: 'payments' }],
  lockReasons: [],
};

const matches = (text: string) => diskMatches(disk, parseFilter(text));

test('matches name, id and instance case-insensitively', () => {
  assert.ok(matches('web'));
  assert.ok(matches('WEB-data'));
  assert.ok(matches('d-bp1'));
  assert.ok(matches('i-bp1xyz'));
  assert.ok(!matches('db'));
});

test('matches tags as key, value, key=value or key:value', () => {
  assert.ok(matches('env=prod'));
  assert.ok(matches('env:prod'));
  assert.ok(matches('payments'));
  assert.ok(matches('team'));
  assert.ok(!matches('env=dev'));
});

test('every word must match; the description is not searched', () => {
  assert.ok(matches('web env=prod'));
  assert.ok(!matches('web env=dev'));
  assert.ok(!matches('searched'));
});

test('an empty or blank filter matches everything', () => {
  assert.deepEqual(parseFilter('   '), []);
  assert.ok(matches(''));
});

test('property: any substring of the name matches', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && !/\s/.test(s)), fc.nat(), fc.nat(), (name, a, b) => {
      const from = a % name.length;
      const to = from + 1 + (b % (name.length - from));
      return diskMatches({ ...disk, diskName: name }, parseFilter(name.slice(from, to)));
    }),
  );
});

test('the search text per disk (read once, 100,000 disks) matches as the rule says, never across two fields', async () => {
  const { diskSearchText, textMatches } = await import('../../src/view/diskFilter');
  const text = diskSearchText(disk);
  assert.equal(text, text.toLowerCase());
  for (const t of ['web', 'WEB-data', 'd-bp1', 'i-bp1xyz', 'env=prod', 'team:pay', 'payments web']) assert.ok(textMatches(text, parseFilter(t)), t);
  for (const t of ['db', 'datad-bp1', 'xyzenv', 'not', 'web db']) assert.ok(!textMatches(text, parseFilter(t)), t);
  fc.assert(
    fc.property(fc.string({ maxLength: 12 }), (typed) => textMatches(text, parseFilter(typed)) === diskMatches(disk, parseFilter(typed))),
  );
});
