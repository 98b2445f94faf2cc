/** The documents' store the configuration names: an S3-compatible bucket when set, else DATA_DIR/attachments. */
import { resolve } from 'node:path';
import type { AttachmentConfig } from '../config';
import { attachmentKey, DirectoryBlobStore, type BlobStore } from './blobStore';
import { S3BlobStore } from './s3BlobStore';

export async function openBlobStore(config: AttachmentConfig): Promise<BlobStore> {
  if (config.s3) {
    // config.ts refuses an S3 store without ATTACHMENT_KEY; checked again here for callers that build the config.
    if (!config.key) throw new Error('The S3 document store needs ATTACHMENT_KEY');
    const store = new S3BlobStore(config.s3, Buffer.from(config.key, 'hex'));
    // A wrong endpoint, bucket or secret stops the start, not the first upload.
    await store.check();
    return store;
  }
  return new DirectoryBlobStore(
    config.dir,
    await attachmentKey(resolve(config.dir, 'server.key'), config.key),
  );
}
