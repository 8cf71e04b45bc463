// The object/bucket operation table the protocol layer dispatches into (notification config lives
// in notification-config.ts). One file per operation or small group of operations.
import type { OperationTable } from '../types';
import { aclOperations } from './acl';
import { bucketOperations } from './buckets';
import { bucketCorsOperations } from './bucket-cors';
import { copyObjectOperations } from './copy-object';
import { deleteObjectOperations } from './delete-object';
import type { ObjectOperationDeps } from './deps';
import { getObjectOperations } from './get-object';
import { listObjectsOperations } from './list-objects';
import { listVersionsOperations } from './list-versions';
import { multipartCompleteOperations } from './multipart-complete';
import { multipartListOperations } from './multipart-list';
import { multipartUploadOperations } from './multipart-upload';
import { objectAttributesOperations } from './object-attributes';
import { putObjectOperations } from './put-object';
import { versioningOperations } from './versioning';

export type { ObjectOperationDeps } from './deps';

/** Every bucket and object operation of the S3 endpoint except the notification subresource. */
export function createObjectOperations(deps: ObjectOperationDeps): OperationTable {
  return {
    ...bucketOperations(deps),
    ...versioningOperations(deps),
    ...bucketCorsOperations(deps),
    ...aclOperations(deps),
    ...listObjectsOperations(deps),
    ...listVersionsOperations(deps),
    ...putObjectOperations(deps),
    ...getObjectOperations(deps),
    ...objectAttributesOperations(deps),
    ...deleteObjectOperations(deps),
    ...copyObjectOperations(deps),
    ...multipartUploadOperations(deps),
    ...multipartCompleteOperations(deps),
    ...multipartListOperations(deps),
  };
}
