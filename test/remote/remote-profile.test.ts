// Pure parts of remote connections: profile field checks, bucket addressing, S3 error documents and the sorting
// of failures into the kinds "Test connection" reports.
import { describe, expect, it } from 'vitest';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { checkEndpoint, checkProfileFields } from '../../src-main/core/remote/profile';
import { bucketLocation } from '../../src-main/core/remote/connection';
import { classifyRemoteError, errorFromAnswer, parseS3Error, toRemoteAppError } from '../../src-main/core/remote/remote-error';

const fields = { name: 'vk', endpoint: 'https://hb.ru-msk.vkcloud-storage.ru/', region: 'ru-msk', accessKey: ' AK ', pathStyle: false, verifyTls: true };

describe('profile fields', () => {
  it('normalises endpoint and keys', () => {
    expect(checkProfileFields(fields)).toEqual({ ...fields, endpoint: 'https://hb.ru-msk.vkcloud-storage.ru', accessKey: 'AK' });
  });

  it.each([
    ['not a URL', 'hb.ru-msk', /is not a URL/],
    ['ftp', 'ftp://h', /http:\/\/ or https:\/\//],
    ['a path', 'https://h/bucket', /must not have a path/],
    ['credentials', 'https://u:p@h', /no credentials/],
  ])('refuses an endpoint with %s', (_what, endpoint, message) => {
    expect(() => checkEndpoint(endpoint)).toThrow(message);
  });

  it.each([
    ['region', { region: 'RU MSK' }, /^region:/],
    ['access key', { accessKey: '' }, /^accessKey:/],
    ['name', { name: '-x' }, /^name:/],
    ['built-in name', { name: 'Local' }, /built-in/],
  ])('refuses a bad %s', (_what, over, message) => {
    expect(() => checkProfileFields({ ...fields, ...over })).toThrow(message);
  });
});

describe('bucket addressing', () => {
  it.each([
    ['virtual-hosted', { endpoint: 'https://hb.ru-msk.vkcloud-storage.ru', pathStyle: false }, 'https://b1.hb.ru-msk.vkcloud-storage.ru/', '/'],
    ['path-style', { endpoint: 'https://minio.local:9000', pathStyle: true }, 'https://minio.local:9000/', '/b1'],
    ['an IP endpoint (always path-style)', { endpoint: 'http://127.0.0.1:9000', pathStyle: false }, 'http://127.0.0.1:9000/', '/b1'],
  ])('%s', (_what, profile, url, path) => {
    const at = bucketLocation(profile, 'b1');
    expect([at.url.href, at.path]).toEqual([url, path]);
  });
});

describe('remote errors', () => {
  it('reads Code and Message of an S3 error document, and nothing from other bodies', () => {
    expect(parseS3Error('<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>'))
      .toEqual({ code: 'AccessDenied', message: 'Access Denied' });
    expect(parseS3Error('<html><body>502</body></html>')).toBeUndefined();
    expect(parseS3Error('not xml <<<')).toBeUndefined();
  });

  it('turns an answer into the service error, or NotS3', () => {
    expect(errorFromAnswer(400, '<Error><Code>InvalidArgument</Code><Message>Bad URL</Message></Error>'))
      .toMatchObject({ code: 'InvalidArgument', message: 'InvalidArgument: Bad URL', status: 400 });
    expect(errorFromAnswer(502, '<html/>', 'text/html')).toMatchObject({ code: 'NotS3', message: 'NotS3: HTTP 502 (text/html) without an S3 error document' });
  });

  const sdkError = (name: string, status: number) =>
    new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: `${name} says no` });
  const socketError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

  it.each<[string, unknown, string, string]>([
    ['InvalidAccessKeyId', sdkError('InvalidAccessKeyId', 403), 'auth', 'InvalidAccessKeyId'],
    ['a 403 with another code', sdkError('Forbidden', 403), 'auth', 'Forbidden'],
    ['an unknown SDK error', sdkError('UnknownError', 404), 'not-s3', 'NotS3'],
    ['NoSuchBucket', sdkError('NoSuchBucket', 404), 'error', 'NoSuchBucket'],
    ['ECONNREFUSED', socketError('ECONNREFUSED'), 'refused', 'ECONNREFUSED'],
    ['ENOTFOUND', socketError('ENOTFOUND'), 'dns', 'ENOTFOUND'],
    ['a wrapped cause', Object.assign(new Error('fetch failed'), { cause: socketError('EAI_AGAIN') }), 'dns', 'EAI_AGAIN'],
    ['a timeout', Object.assign(new Error('slow'), { name: 'TimeoutError' }), 'timeout', 'Timeout'],
    ['an expired certificate', socketError('CERT_HAS_EXPIRED'), 'tls', 'CERT_HAS_EXPIRED'],
    ['plain HTTP spoken to TLS', socketError('EPROTO'), 'tls', 'EPROTO'],
  ])('sorts %s', (_what, err, kind, code) => {
    expect(classifyRemoteError(err, 'h:1')).toMatchObject({ kind, code });
  });

  it('keeps service codes in API errors and names the kind otherwise', () => {
    expect(toRemoteAppError(sdkError('NoSuchBucket', 404), 'h')).toMatchObject({ code: 'NoSuchBucket', message: 'NoSuchBucket: NoSuchBucket says no' });
    expect(toRemoteAppError(socketError('ECONNREFUSED'), 'h:1')).toMatchObject({ code: 'RemoteRefused', message: 'Connection refused by h:1: nothing listens there' });
  });
});
