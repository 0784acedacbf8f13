// The part of s3rver (a fake S3 server over a folder) the tests use; the package ships no types.
declare module "s3rver" {
  import type { Server } from "node:http";

  /** Koa's context, as far as the tests' extra routes read and write it. */
  export interface S3rverContext {
    method: string;
    path: string;
    query: Record<string, string | string[] | undefined>;
    status: number;
    body: unknown;
  }
  export type S3rverMiddleware = (ctx: S3rverContext, next: () => Promise<void>) => Promise<void>;

  export default class S3rver {
    constructor(options: {
      port?: number;
      address?: string;
      directory: string;
      silent?: boolean;
      configureBuckets?: { name: string }[];
    });
    /** Koa's middleware list: the router is the last entry. */
    middleware: S3rverMiddleware[];
    run(): Promise<{ address: string; port: number }>;
    httpServer: Server;
    close(): Promise<void>;
  }
}
