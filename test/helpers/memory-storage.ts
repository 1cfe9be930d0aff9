import type { ObjectStorage, UploadedPart } from "../../function/cos-storage";

/** Objects in memory, multipart included, keeping every part's size. */
export class MemoryStorage implements ObjectStorage {
  readonly objects = new Map<string, Buffer>();
  readonly partSizes: number[] = [];
  private readonly uploads = new Map<string, Buffer[]>();
  async putObject(key: string, body: Buffer): Promise<void> {
    this.objects.set(key, Buffer.from(body));
  }
  async initMultipart(key: string): Promise<string> {
    this.uploads.set(key, []);
    return key;
  }
  async uploadPart(_key: string, uploadId: string, partNumber: number, body: Buffer): Promise<UploadedPart> {
    this.uploads.get(uploadId)![partNumber - 1] = Buffer.from(body);
    this.partSizes.push(body.length);
    return { PartNumber: partNumber, ETag: String(partNumber) };
  }
  async completeMultipart(key: string, uploadId: string): Promise<void> {
    this.objects.set(key, Buffer.concat(this.uploads.get(uploadId)!));
  }
  async abortMultipart(_key: string, uploadId: string): Promise<void> {
    this.uploads.delete(uploadId);
  }
}
