// The endpoint setting: what is refused, and that a refusal never repeats a password typed into it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRegionId, parseEndpoint } from '../../src/ecs/endpoint';
import { isEcsError } from '../../src/ecs/errors';
import { describeEcsProblem, formatForUser } from '../../src/snapshot/catalog';

describe('endpoint setting', () => {
  it('a URL with a user name and password is refused without echoing the password', () => {
    for (const text of ['https://admin:hunter2-secret@ecs.example.com', 'http://admin:hunter2-secret@127.0.0.1:8080', 'admin:hunter2-secret@ecs.example.com']) {
      assert.throws(
        () => parseEndpoint(text),
        (error: Error) => {
          assert.match(error.message, /must not carry a user name or password/);
          assert.doesNotMatch(error.message, /hunter2-secret/, error.message);
          assert.match(error.message, /'(https?:\/\/)?(ecs\.example\.com|127\.0\.0\.1:8080)'/, 'still says which endpoint');
          return true;
        },
      );
    }
  });

  it('other refusals still quote the setting as typed', () => {
    assert.throws(() => parseEndpoint('ftp://ecs.example.com'), /'ftp:\/\/ecs\.example\.com'.*ftp is not http or https/);
  });
});

describe('region setting', () => {
  it('a malformed region gets the region advice of the catalog, not "contact support"', () => {
    let error: unknown;
    try {
      checkRegionId('cn hangzhou');
    } catch (e) {
      error = e;
    }
    assert.ok(isEcsError(error));
    const problem = describeEcsProblem(error);
    assert.equal(problem.known, true, `catalogued: ${error.code}`);
    assert.equal(problem.category, 'input');
    assert.doesNotMatch(formatForUser(problem), /contact support/);
  });
});
