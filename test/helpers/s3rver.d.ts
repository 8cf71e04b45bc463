// Types of the part of s3rver (a devDependency without its own types) the tests use.
declare module 's3rver' {
  interface S3rverOptions { port?: number; address?: string; silent?: boolean; directory?: string }
  export default class S3rver {
    constructor(options: S3rverOptions);
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}
