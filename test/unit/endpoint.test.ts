// The endpoint setting: what is refused, and that a refusal never repeats a password typed into it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEcsGateway } from '../../src/ecs/createEcsGateway';
import { checkRegionId, parseEndpoint } from '../../src/ecs/endpoint';
import { isEcsError } from '../../src/ecs/errors';
import { describeEcsProblem, formatForUser } from '../../src/snapshot/catalog';
import { toTrackedError } from '../../src/tracker/trackedOperation';

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

  // Every refusal path of the parser: not a URL, a scheme other than http(s), user info, a path or
  // query, a bad host name, a bad port; and what is typed around the '@' (slashes, spaces, '@').
  const marked = [
    'ftp://u:MARKERPW@h',
    'javascript://u:MARKERPW@ecs.example.com',
    ' FTP://u:MARKERPW@h ',
    'u:MARKERPW@',
    '://u:MARKERPW@x',
    'http://u:MARKERPW@bad host',
    'http://u:MARKERPW@-bad-.example.com',
    'u:MARKERPW@h:99999',
    'http://u:MARKERPW/x@h',
    'http://u:MARKER PW@h',
    'http://u:MARKERPW@@h',
    'http://:MARKERPW@h',
    'https://u:MARKERPW@h/path',
    'u:MARKERPW@h?x=1',
    'http://u:MARKERPW@h#frag',
    'u:MARKERPW@[::2]',
    'HTTP://u:MARKERPW@ecs.example.com',
    'h/x?u:MARKERPW@y',
  ];
  for (const text of marked) {
    it(`'${text}' is refused without the password in the message or any serialized field`, () => {
      let error: unknown;
      try {
        parseEndpoint(text);
      } catch (e) {
        error = e;
      }
      assert.ok(isEcsError(error), `refused: ${text}`);
      assert.equal(error.code, 'InvalidEndpoint');
      const seen = [
        error.message,
        String(error),
        error.stack ?? '',
        JSON.stringify(error),
        JSON.stringify(toTrackedError(error)),
        formatForUser(describeEcsProblem(error)),
      ].join('\n');
      assert.doesNotMatch(seen, /MARKER/, seen);
    });
  }

  it('the gateway refuses a marked endpoint setting without the password too', () => {
    assert.throws(
      () =>
        createEcsGateway({
          credentials: { type: 'accessKey', accessKeyId: 'LTAI5tEndpoint000001', accessKeySecret: 'EndpointSecret-0123456789' },
          regionId: 'cn-hangzhou',
          endpoint: 'ftp://admin:MARKERPW@ecs.example.com',
        }),
      (error: Error) => {
        assert.doesNotMatch(`${error.message}\n${error.stack}`, /MARKERPW/);
        assert.match(error.message, /ftp is not http or https/);
        return true;
      },
    );
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
