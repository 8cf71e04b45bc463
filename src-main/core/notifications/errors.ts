// The error of a rejected notification configuration or hook edit: an AppError whose code is the
// S3 error code, carrying S3's ArgumentName/ArgumentValue so the S3 layer renders it unchanged.
import { AppError } from '../app-error';

/** A configuration rejected with an S3 code (InvalidArgument, MalformedXML, NoSuchBucket, …). */
export class ConfigError extends AppError {
  constructor(code: string, message: string, public readonly extra: Record<string, string> = {}) {
    super(code, message);
    this.name = 'ConfigError';
  }
}

/** 400 InvalidArgument with ArgumentName/ArgumentValue. */
export function invalidArgument(message: string, name: string, value: string): ConfigError {
  return new ConfigError('InvalidArgument', message, { ArgumentName: name, ArgumentValue: value });
}
