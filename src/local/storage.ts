// Local cloud storage: the wx-server-sdk file calls (uploadFile, getTempFileURL, downloadFile, deleteFile)
// with CloudBase's result shapes, kept in a folder (or in memory for tests). Temp URLs point at the gateway and,
// like CloudBase's signed ones, stop working after the maxAge asked for (default a day): `?expires=<unix seconds>`.
import fs from 'node:fs';
import path from 'node:path';

export const LOCAL_ENV_ID = 'local-env';
const FILE_ID_PREFIX = `cloud://${LOCAL_ENV_ID}.local/`;

export class LocalStorage {
  private readonly memory = new Map<string, Buffer>();

  /** dir: where files live; undefined keeps them in memory. baseUrl: the gateway, for temp URLs. */
  constructor(private readonly dir: string | undefined, public baseUrl = 'http://127.0.0.1:3000') {}

  static cloudPathOf(fileID: string): string {
    if (!fileID.startsWith(FILE_ID_PREFIX)) throw Object.assign(new Error(`invalid fileID: ${fileID}`), { errCode: -503003 });
    return fileID.slice(FILE_ID_PREFIX.length);
  }

  private safePath(cloudPath: string): string {
    const clean = path.posix.normalize(cloudPath).replace(/^\/+/, '');
    if (!clean || clean.startsWith('..')) throw Object.assign(new Error('invalid cloudPath'), { errCode: -503001 });
    return clean;
  }

  read(cloudPath: string): Buffer | undefined {
    const p = this.safePath(cloudPath);
    if (!this.dir) return this.memory.get(p);
    const file = path.join(this.dir, p);
    return fs.existsSync(file) ? fs.readFileSync(file) : undefined;
  }

  private write(cloudPath: string, content: Buffer): void {
    const p = this.safePath(cloudPath);
    if (!this.dir) {
      this.memory.set(p, content);
      return;
    }
    const file = path.join(this.dir, p);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  }

  private remove(cloudPath: string): boolean {
    const p = this.safePath(cloudPath);
    if (!this.dir) return this.memory.delete(p);
    const file = path.join(this.dir, p);
    if (!fs.existsSync(file)) return false;
    fs.unlinkSync(file);
    return true;
  }

  /** The functions to install on the wx-server-sdk object. */
  api() {
    return {
      uploadFile: async ({ cloudPath, fileContent }: { cloudPath: string; fileContent: Buffer | string | NodeJS.ReadableStream }) => {
        const content = await toBuffer(fileContent);
        this.write(cloudPath, content);
        return { fileID: FILE_ID_PREFIX + this.safePath(cloudPath), statusCode: 200, errMsg: 'uploadFile:ok' };
      },
      downloadFile: async ({ fileID }: { fileID: string }) => {
        const content = this.read(LocalStorage.cloudPathOf(fileID));
        if (!content) throw Object.assign(new Error('downloadFile:fail storage file not exists'), { errCode: -503003 });
        return { fileContent: content, statusCode: 200, errMsg: 'downloadFile:ok' };
      },
      getTempFileURL: async ({ fileList }: { fileList: Array<string | { fileID: string; maxAge?: number }> }) => ({
        errMsg: 'getTempFileURL:ok',
        fileList: fileList.map((f) => {
          const fileID = typeof f === 'string' ? f : f.fileID;
          const maxAge = typeof f === 'string' ? 86400 : f.maxAge ?? 86400;
          let cloudPath: string | undefined;
          try {
            cloudPath = LocalStorage.cloudPathOf(fileID);
          } catch {
            cloudPath = undefined;
          }
          const exists = cloudPath !== undefined && this.read(cloudPath) !== undefined;
          return exists
            ? { fileID, tempFileURL: `${this.baseUrl}/files/${encodeURI(cloudPath!)}?expires=${Math.floor(Date.now() / 1000) + maxAge}`, maxAge, status: 0, errMsg: 'ok' }
            : { fileID, tempFileURL: '', maxAge, status: -503003, errMsg: 'STORAGE_FILE_NONEXIST' };
        }),
      }),
      deleteFile: async ({ fileList }: { fileList: string[] }) => ({
        errMsg: 'deleteFile:ok',
        fileList: fileList.map((fileID) => {
          let ok = false;
          try {
            ok = this.remove(LocalStorage.cloudPathOf(fileID));
          } catch {
            ok = false;
          }
          return ok ? { fileID, status: 0, errMsg: 'ok' } : { fileID, status: -503003, errMsg: 'STORAGE_FILE_NONEXIST' };
        }),
      }),
    };
  }
}

async function toBuffer(content: Buffer | string | NodeJS.ReadableStream): Promise<Buffer> {
  if (Buffer.isBuffer(content)) return content;
  if (typeof content === 'string') return Buffer.from(content);
  const chunks: Buffer[] = [];
  for await (const chunk of content as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
