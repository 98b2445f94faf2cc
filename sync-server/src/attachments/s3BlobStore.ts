/**
 * The documents' store on an S3-compatible object store (AWS S3, MinIO,
 * Ceph, Garage, …), chosen with ATTACHMENT_S3_BUCKET (docs/deployment.md).
 * It keeps what DirectoryBlobStore keeps, in the same format (blobCrypto.ts):
 * the bucket only ever receives ciphertext sealed with the server's key, so
 * the object store's own encryption is a second layer, not the one we rely on.
 *
 * Objects under the bucket (and the optional prefix):
 *   blobs/<sha-256>                 a document's content, sealed
 *   uploads/<id>.json               an upload's record (as the directory store writes it)
 *   uploads/<id>.parts.json         the chunks received so far: [{ offset, length }]
 *   uploads/<id>/<offset>           one chunk, AES-CTR at its offset
 *   households/<site>/<family>.json the contents counted against a family's cap
 *
 * An object cannot be written at an offset, so each chunk is an object of its
 * own and the list of chunks says which of them make the partial content; a
 * chunk resent at an offset replaces the one there and drops the ones after.
 * Only GET, PUT, HEAD and DELETE of single objects are used (no listing, no
 * multipart upload: a document is at most 50 MB, far below a single PUT's
 * 5 GB), so any S3-compatible server will do. Requests are signed with SigV4
 * by aws4fetch; every body carries its SHA-256, which the server checks.
 */
import { createHash } from 'node:crypto';
import { AwsClient } from 'aws4fetch';
import { z } from 'zod';
import { assertHexAddress, openBlob, sealBlob, uploadCipherAt } from './blobCrypto';
import type { BlobStore, UploadRecord } from './blobStore';

export interface S3Config {
  /** Origin of the S3 API, e.g. https://s3.eu-west-1.amazonaws.com or http://minio:9000. */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** true: endpoint/bucket/key (MinIO, most self-hosted servers); false: bucket.endpoint/key (AWS). */
  pathStyle: boolean;
  /** Key prefix inside the bucket ('' or ending in '/'), so one bucket can hold several installations. */
  prefix?: string;
  /** Per request, retries included. */
  timeoutMs?: number;
  /** Retries of an answer 5xx or 429, with exponential backoff (aws4fetch). */
  retries?: number;
}

/** An answer from the object store that is neither success nor "no such object". */
export class S3StoreError extends Error {
  constructor(
    readonly operation: string,
    readonly key: string,
    readonly status: number,
    readonly s3Code: string | undefined,
    detail: string | undefined,
  ) {
    super(
      `S3 ${operation} ${key} failed: ${status}${s3Code ? ` ${s3Code}` : ''}${detail ? ` (${detail})` : ''}`,
    );
    this.name = 'S3StoreError';
  }
}

const partsSchema = z.array(z.object({ offset: z.number().int().min(0), length: z.number().int().min(1) }));
type Part = z.infer<typeof partsSchema>[number];

const uploadSchema = z.object({
  id: z.string(),
  sha256: z.string(),
  size: z.number(),
  received: z.number(),
  siteId: z.string(),
  householdId: z.string().optional(),
  userId: z.string(),
  createdAt: z.string(),
  complete: z.boolean().optional(),
});
const usageSchema = z.record(z.string(), z.number());

/** S3 error answers are small XML documents; only their Code and Message are read. */
function errorField(xml: string, field: 'Code' | 'Message'): string | undefined {
  return new RegExp(`<${field}>([^<]{1,500})</${field}>`).exec(xml)?.[1];
}

const safePart = (part: string) => Buffer.from(part).toString('base64url');

export class S3BlobStore implements BlobStore {
  private readonly client: AwsClient;
  private readonly base: string;
  private readonly prefix: string;
  private readonly timeoutMs: number;

  constructor(
    private readonly config: S3Config,
    private readonly key: Buffer,
  ) {
    if (key.length !== 32) throw new Error('The attachment key must be 32 bytes');
    const endpoint = new URL(config.endpoint);
    if (endpoint.protocol !== 'https:' && endpoint.protocol !== 'http:') {
      throw new Error('The S3 endpoint must be an http:// or https:// URL');
    }
    const bucket = encodeURIComponent(config.bucket);
    const origin = endpoint.origin;
    this.base = config.pathStyle
      ? `${origin}/${bucket}/`
      : `${endpoint.protocol}//${bucket}.${endpoint.host}/`;
    this.prefix = config.prefix ?? '';
    if (this.prefix !== '' && !/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/$/.test(this.prefix)) {
      throw new Error('The S3 prefix must be letters, digits, ".", "_", "-" in parts ending with "/"');
    }
    this.timeoutMs = config.timeoutMs ?? 60_000;
    this.client = new AwsClient({
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
      service: 's3',
      region: config.region,
      retries: config.retries ?? 3,
    });
  }

  /** Checks the bucket answers with these credentials; run at start so a wrong setting stops the server then. */
  async check(): Promise<void> {
    const response = await this.client.fetch(this.base, {
      method: 'HEAD',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    await response.arrayBuffer();
    if (!response.ok) {
      const code =
        response.status === 404 ? 'NoSuchBucket' : response.status === 403 ? 'AccessDenied' : undefined;
      throw new S3StoreError('HEAD bucket', this.config.bucket, response.status, code, undefined);
    }
  }

  private async request(
    method: 'GET' | 'PUT' | 'HEAD' | 'DELETE',
    key: string,
    body?: Uint8Array<ArrayBuffer>,
  ): Promise<Response | undefined> {
    const headers: Record<string, string> = {};
    if (body) {
      headers['content-type'] = 'application/octet-stream';
      headers['x-amz-content-sha256'] = createHash('sha256').update(body).digest('hex');
    }
    const response = await this.client.fetch(`${this.base}${this.prefix}${key}`, {
      method,
      headers,
      ...(body ? { body } : {}),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (response.ok) {
      // Only a GET's body is read by the caller; the others are drained so undici can reuse the connection.
      if (method !== 'GET') await response.arrayBuffer();
      return response;
    }
    const text = method === 'HEAD' ? '' : await response.text().catch(() => '');
    const code = errorField(text, 'Code');
    // A missing object is an answer; a missing bucket is a configuration error (HEAD has no body: check() covers it).
    if (response.status === 404 && code !== 'NoSuchBucket') return undefined;
    throw new S3StoreError(
      method,
      `${this.prefix}${key}`,
      response.status,
      code,
      errorField(text, 'Message'),
    );
  }

  private async getBytes(key: string): Promise<Buffer<ArrayBuffer> | undefined> {
    const response = await this.request('GET', key);
    return response ? Buffer.from(await response.arrayBuffer()) : undefined;
  }

  private async getJson<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const bytes = await this.getBytes(key);
    if (!bytes) return undefined;
    const unreadable = () => new Error(`S3 object ${this.prefix}${key} is not what this server wrote`);
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch {
      // Not a SyntaxError: the HTTP layer answers those as the request's own bad JSON (400).
      throw unreadable();
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw unreadable();
    return parsed.data;
  }

  private async putBytes(key: string, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
    await this.request('PUT', key, bytes);
  }

  private async remove(key: string): Promise<void> {
    await this.request('DELETE', key);
  }

  private blobKey(sha256: string): string {
    assertHexAddress(sha256);
    return `blobs/${sha256}`;
  }
  private uploadKey(id: string, what: 'json' | 'parts' | number): string {
    assertHexAddress(id);
    if (what === 'json') return `uploads/${id}.json`;
    if (what === 'parts') return `uploads/${id}.parts.json`;
    return `uploads/${id}/${what}`;
  }
  private usageKey(siteId: string, householdId: string): string {
    return `households/${safePart(siteId)}/${safePart(householdId)}.json`;
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.request('HEAD', this.blobKey(sha256))) !== undefined;
  }

  async put(sha256: string, bytes: Buffer): Promise<void> {
    if (await this.has(sha256)) return;
    await this.putBytes(this.blobKey(sha256), sealBlob(this.key, sha256, bytes));
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    const sealed = await this.getBytes(this.blobKey(sha256));
    return sealed ? openBlob(this.key, sha256, sealed) : undefined;
  }

  async getUpload(id: string): Promise<UploadRecord | undefined> {
    const upload = await this.getJson(this.uploadKey(id, 'json'), uploadSchema);
    if (!upload) return undefined;
    const { householdId, complete, ...rest } = upload;
    return {
      ...rest,
      ...(householdId !== undefined ? { householdId } : {}),
      ...(complete !== undefined ? { complete } : {}),
    };
  }

  async putUpload(upload: UploadRecord): Promise<void> {
    await this.putBytes(this.uploadKey(upload.id, 'json'), Buffer.from(JSON.stringify(upload)));
  }

  private async parts(id: string): Promise<Part[]> {
    return (await this.getJson(this.uploadKey(id, 'parts'), partsSchema)) ?? [];
  }

  async writeChunk(id: string, offset: number, chunk: Buffer): Promise<void> {
    const parts = await this.parts(id);
    const end = parts.reduce((at, part) => Math.max(at, part.offset + part.length), 0);
    if (offset > end) throw new Error(`Upload ${id}: a chunk at ${offset} would leave a gap after ${end}`);
    const kept: Part[] = [];
    const dropped: Part[] = [];
    for (const part of parts) {
      if (part.offset >= offset) dropped.push(part);
      else if (part.offset + part.length <= offset) kept.push(part);
      else {
        // A chunk that runs past the new offset keeps only its bytes before it (CTR: a prefix stays valid).
        const sealed = await this.getBytes(this.uploadKey(id, part.offset));
        if (!sealed) throw new Error(`Upload ${id}: the chunk at ${part.offset} is missing`);
        const length = offset - part.offset;
        await this.putBytes(this.uploadKey(id, part.offset), sealed.subarray(0, length));
        kept.push({ offset: part.offset, length });
      }
    }
    if (chunk.length > 0) {
      await this.putBytes(this.uploadKey(id, offset), uploadCipherAt(this.key, id, offset).update(chunk));
      kept.push({ offset, length: chunk.length });
    }
    // The list is written after the chunk it names, so it never names a chunk that is not there.
    await this.putBytes(this.uploadKey(id, 'parts'), Buffer.from(JSON.stringify(kept)));
    await Promise.all(
      dropped
        .filter((part) => !(part.offset === offset && chunk.length > 0))
        .map((part) => this.remove(this.uploadKey(id, part.offset))),
    );
  }

  async readPartial(id: string, length: number): Promise<Buffer> {
    const pieces: Buffer[] = [];
    let have = 0;
    for (const part of (await this.parts(id)).sort((a, b) => a.offset - b.offset)) {
      if (have >= length) break;
      const sealed = await this.getBytes(this.uploadKey(id, part.offset));
      if (!sealed || sealed.length !== part.length)
        throw new Error(`Upload ${id}: the chunk at ${part.offset} is missing`);
      pieces.push(sealed);
      have += sealed.length;
    }
    return uploadCipherAt(this.key, id, 0).update(Buffer.concat(pieces).subarray(0, length));
  }

  async deleteUpload(id: string): Promise<void> {
    const parts = await this.parts(id);
    await Promise.all(parts.map((part) => this.remove(this.uploadKey(id, part.offset))));
    await this.remove(this.uploadKey(id, 'parts'));
    await this.remove(this.uploadKey(id, 'json'));
  }

  async householdUsage(siteId: string, householdId: string): Promise<Record<string, number>> {
    return (await this.getJson(this.usageKey(siteId, householdId), usageSchema)) ?? {};
  }

  async addHouseholdUsage(siteId: string, householdId: string, sha256: string, size: number): Promise<void> {
    const usage = await this.householdUsage(siteId, householdId);
    if (usage[sha256] !== undefined) return;
    await this.putBytes(
      this.usageKey(siteId, householdId),
      Buffer.from(JSON.stringify({ ...usage, [sha256]: size })),
    );
  }
}
