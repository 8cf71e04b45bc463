// Bucket CORS configuration: PutBucketCors (parse + validate the XML), GetBucketCors (render, 404
// NoSuchCORSConfiguration when none) and DeleteBucketCors. Preflight evaluation lives in protocol/cors.ts.
import { createHash } from 'node:crypto';
import { S3Error } from '../s3-error';
import type { OperationTable } from '../types';
import { parseXml, readBodyText, renderXml } from '../xml';
import type { CorsRule } from '../../storage/types';
import { CORS_METHODS } from '../protocol/cors-rules';
import { bucketOf, header } from './common';
import type { ObjectOperationDeps } from './deps';

const MAX_RULES = 100;
const LISTS = ['CORSRule', 'AllowedHeader', 'AllowedMethod', 'AllowedOrigin', 'ExposeHeader'] as const;
const RULE_ELEMENTS = new Set<string>([...LISTS.slice(1), 'ID', 'MaxAgeSeconds']);

const malformed = () => new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');

function texts(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw malformed();
  return (value as string[]).map((v) => v.trim());
}

function oneWildcard(kind: 'AllowedOrigin' | 'AllowedHeader', values: string[]): void {
  const bad = values.find((v) => v.indexOf('*') !== v.lastIndexOf('*'));
  if (bad !== undefined) throw new S3Error('InvalidRequest', `${kind} "${bad}" can not have more than one wildcard.`);
}

/** One <CORSRule> as a validated rule. */
function toRule(raw: unknown): CorsRule {
  if (!raw || typeof raw !== 'object' || Object.keys(raw).some((k) => !RULE_ELEMENTS.has(k))) throw malformed();
  const el = raw as Record<string, unknown>;
  const rule: CorsRule = {
    allowedOrigins: texts(el.AllowedOrigin), allowedMethods: texts(el.AllowedMethod),
    allowedHeaders: texts(el.AllowedHeader), exposeHeaders: texts(el.ExposeHeader),
  };
  if (!rule.allowedOrigins.length || !rule.allowedMethods.length) throw malformed();
  const method = rule.allowedMethods.find((m) => !CORS_METHODS.includes(m));
  if (method !== undefined) throw new S3Error('InvalidRequest', `Found unsupported HTTP method in CORS config. Unsupported method is ${method}`);
  oneWildcard('AllowedOrigin', rule.allowedOrigins);
  oneWildcard('AllowedHeader', rule.allowedHeaders);
  if (el.ID !== undefined) {
    if (typeof el.ID !== 'string' || el.ID.length > 255) throw malformed();
    rule.id = el.ID;
  }
  if (el.MaxAgeSeconds !== undefined) {
    if (typeof el.MaxAgeSeconds !== 'string' || !/^\d{1,9}$/.test(el.MaxAgeSeconds.trim())) throw malformed();
    rule.maxAgeSeconds = Number(el.MaxAgeSeconds.trim());
  }
  return rule;
}

/** Parse a CORSConfiguration document into 1–100 validated rules. */
export function parseCorsConfiguration(xml: string): CorsRule[] {
  const doc = parseXml(xml, LISTS).CORSConfiguration;
  if (!doc || typeof doc !== 'object' || Object.keys(doc).some((k) => k !== 'CORSRule')) throw malformed();
  const rules = (doc as { CORSRule?: unknown[] }).CORSRule ?? [];
  if (rules.length === 0) throw malformed();
  if (rules.length > MAX_RULES) throw new S3Error('InvalidRequest', `A CORS configuration can have at most ${MAX_RULES} rules.`);
  return rules.map(toRule);
}

/** The CORSConfiguration document of `rules`, as GetBucketCors returns it. */
export function renderCorsConfiguration(rules: readonly CorsRule[]): string {
  return renderXml('CORSConfiguration', {
    CORSRule: rules.map((r) => ({
      ID: r.id, AllowedHeader: r.allowedHeaders, AllowedMethod: r.allowedMethods, AllowedOrigin: r.allowedOrigins,
      ExposeHeader: r.exposeHeaders, MaxAgeSeconds: r.maxAgeSeconds,
    })),
  });
}

/** GetBucketCors, PutBucketCors, DeleteBucketCors. */
export function bucketCorsOperations(deps: ObjectOperationDeps): OperationTable {
  const { storage } = deps;
  return {
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketCors.html */
    async GetBucketCors(req) {
      const bucket = bucketOf(req);
      storage.requireBucket(bucket);
      const rules = storage.cors.get(bucket);
      if (!rules) throw new S3Error('NoSuchCORSConfiguration', 'The CORS configuration does not exist', { BucketName: bucket });
      return { status: 200, headers: { 'content-type': 'application/xml' }, body: renderCorsConfiguration(rules) };
    },
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketCors.html */
    async PutBucketCors(req) {
      const bucket = bucketOf(req);
      storage.requireBucket(bucket);
      const text = await readBodyText(req.body, undefined, req.contentLength);
      const md5 = header(req.headers, 'content-md5');
      if (md5 !== undefined && createHash('md5').update(text, 'utf8').digest('base64') !== md5) {
        throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.');
      }
      storage.cors.put(bucket, parseCorsConfiguration(text));
      return { status: 200 };
    },
    /** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketCors.html */
    async DeleteBucketCors(req) {
      const bucket = bucketOf(req);
      storage.requireBucket(bucket);
      storage.cors.delete(bucket);
      return { status: 204 };
    },
  };
}
