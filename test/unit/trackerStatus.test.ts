// Every form of the status-bar text, its tone and the tooltip, from the tracked operations.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeStatus, formatDuration, overallProgress } from '../../src/tracker/statusView';
import type { OperationState, TrackedOperation } from '../../src/tracker/trackedOperation';
import { intent } from './trackerFakes';

const NOW = Date.UTC(2026, 10, 27, 8, 0, 0);

function op(n: number, state: OperationState, fields: Partial<TrackedOperation> = {}): TrackedOperation {
  return {
    intent: intent(n, { diskName: fields.intent?.diskName ?? `disk-${n}` }),
    snapshotId: state === 'refused' ? undefined : `s-${n}`,
    state,
    progress: 0,
    startedAt: NOW - 80_000,
    updatedAt: NOW,
    acknowledged: false,
    polls: 1,
    misses: 0,
    ...fields,
  };
}

describe('tracker status text', () => {
  it('is hidden when nothing is tracked or everything is seen', () => {
    assert.equal(describeStatus([], NOW).visible, false);
    assert.equal(describeStatus([op(1, 'ready', { progress: 100 })], NOW).visible, false);
    assert.equal(describeStatus([op(1, 'failed', { acknowledged: true })], NOW).visible, false);
  });

  it('a request whose answer was lost says the snapshot may exist, not "not created"', () => {
    for (const error of [
      { kind: 'timeout' as const, code: 'ReadTimeout', message: 'ECS did not answer CreateSnapshot within 30 s.' },
      { kind: 'timeout' as const, code: 'NoAnswerBeforeReload', message: 'The window closed before ECS answered CreateSnapshot.' },
      // ECS is still working on an earlier request with this ClientToken.
      { kind: 'api' as const, code: 'IdempotentProcessing', message: 'The previous idempotent request(s) is still processing.' },
    ]) {
      const view = describeStatus([op(1, 'refused', { error, intent: intent(1, { diskName: 'web-data' }) })], NOW);
      assert.doesNotMatch(view.text, /not created/, view.text);
      assert.match(view.text, /may exist/);
      assert.doesNotMatch(view.tooltip, /Not created/, view.tooltip);
    }
    const refused = describeStatus([op(1, 'refused', { error: { kind: 'api', code: 'QuotaExceed.Snapshot', message: 'The snapshot quota exceeds.' } })], NOW);
    assert.match(refused.text, /not created/);
  });

  it('one snapshot: spinning icon, disk name and percent', () => {
    const view = describeStatus([op(1, 'creating', { progress: 42, intent: intent(1, { diskName: 'web-data' }) })], NOW);
    assert.equal(view.text, '$(sync~spin) web-data 42%');
    assert.equal(view.tone, 'normal');
    assert.equal(view.visible, true);
  });

  it('several: count and overall percent (size-weighted when every size is known)', () => {
    const plain = [op(1, 'creating', { progress: 20 }), op(2, 'creating', { progress: 60 }), op(3, 'creating', { progress: 91 })];
    assert.equal(describeStatus(plain, NOW).text, '$(sync~spin) 3 snapshots · 57%');
    const sized = [op(1, 'creating', { progress: 10, sourceDiskSizeGiB: 900 }), op(2, 'creating', { progress: 100, sourceDiskSizeGiB: 100 })];
    assert.equal(overallProgress(sized), 19);
    assert.equal(overallProgress([sized[0], op(3, 'creating', { progress: 100 })]), 55, 'a missing size falls back to the average');
  });

  it('short success state after completion', () => {
    assert.equal(describeStatus([op(1, 'ready', { progress: 100 })], NOW, 1).text, '$(check) Snapshot ready');
    assert.equal(describeStatus([op(1, 'ready'), op(2, 'ready')], NOW, 2).text, '$(check) 2 snapshots ready');
    assert.equal(describeStatus([op(1, 'ready')], NOW, 1).tone, 'success');
  });

  it('failures colour the item until acknowledged', () => {
    const failed = describeStatus([op(1, 'failed', { intent: intent(1, { diskName: 'db' }) })], NOW);
    assert.equal(failed.text, '$(error) db: snapshot failed');
    assert.equal(failed.tone, 'error');
    const refused = describeStatus(
      [op(2, 'refused', { error: { kind: 'api', code: 'IncorrectDiskStatus', message: 'The disk is busy.', requestId: 'R-9' } })],
      NOW,
    );
    assert.equal(refused.text, '$(error) disk-2: snapshot not created');
    assert.match(refused.tooltip, /disk-2\*\*: Not created: .*\(IncorrectDiskStatus, request ID R-9\)/);
    const gone = describeStatus([op(3, 'gone')], NOW);
    assert.equal(gone.text, '$(warning) disk-3: snapshot no longer exists');
    assert.equal(gone.tone, 'warning');
    assert.equal(describeStatus([op(1, 'failed'), op(3, 'gone')], NOW).text, '$(error) 2 snapshots need attention');
  });

  it('progress with a failure beside it keeps spinning, in error colours', () => {
    const view = describeStatus([op(1, 'creating', { progress: 30 }), op(2, 'failed')], NOW);
    assert.equal(view.text, '$(sync~spin) disk-1 30% · $(error) 1');
    assert.equal(view.tone, 'error');
  });

  it('an API error while polling turns the item red; throttling only shows in the tooltip', () => {
    const denied = op(1, 'creating', { pollError: { kind: 'api', code: 'Forbidden.RAM', message: 'not authorized' } });
    assert.equal(describeStatus([denied], NOW).tone, 'error');
    const slowed = op(1, 'creating', { pollError: { kind: 'throttling', code: 'Throttling', message: 'slow down' } });
    const view = describeStatus([slowed], NOW);
    assert.equal(view.tone, 'normal');
    assert.match(view.tooltip, /Throttling/);
  });

  it('tooltip lists disk, snapshot id, percent, remaining and elapsed time', () => {
    const view = describeStatus([op(1, 'creating', { progress: 42, remainTime: 200, intent: intent(1, { diskName: 'web|data' }) })], NOW);
    assert.match(view.tooltip, /\| web\\\|data \| `s-1` \| 42% \| 3 min 20 s \| 1 min 20 s \|/);
    assert.match(view.tooltip, /Click to see all tracked snapshots/);
  });

  it('formats durations', () => {
    assert.equal(formatDuration(42_000), '42 s');
    assert.equal(formatDuration(200_000), '3 min 20 s');
    assert.equal(formatDuration(180_000), '3 min');
    assert.equal(formatDuration(7_500_000), '2 h 5 min');
  });
});
