// The error of a rejected notification configuration or hook edit: a CoreError whose details carry
// S3's ArgumentName/ArgumentValue (the configuration is S3's XML), mapped to S3 errors by s3/.
import { CoreError, type CoreErrorCode } from '../kernel/core-error';

/** The codes a configuration is rejected with. */
export type ConfigErrorCode = Extract<CoreErrorCode, 'MalformedXML' | 'InvalidArgument' | 'NoSuchBucket'>;

/** A configuration rejected as malformed, invalid, or aimed at a missing bucket. */
export class ConfigError extends CoreError {
  declare readonly code: ConfigErrorCode;

  constructor(code: ConfigErrorCode, message: string, details: Record<string, string> = {}) {
    super(code, message, details);
    this.name = 'ConfigError';
  }
}

/** InvalidArgument with ArgumentName/ArgumentValue. */
export function invalidArgument(message: string, name: string, value: string): ConfigError {
  return new ConfigError('InvalidArgument', message, { ArgumentName: name, ArgumentValue: value });
}
