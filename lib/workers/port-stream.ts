// A byte stream from a worker thread to a Response, over a MessagePort, pulled by the reader: the
// worker (PortWriter) batches what it makes into 64 KB chunks and sends one for each chunk the
// reader asks for (PortReader), holding at most a few while the reader is behind — then the
// render waits — so a slow download never piles the file up in memory. Either side may stop it:
// the reader by cancelling (the render stops at its next check), the worker by closing its port
// (an error, or the thread died), which fails the reader's stream instead of leaving it hanging.
import type { MessagePort } from 'node:worker_threads';

/**
 * Worker → reader. `started`: the task left the queue; `head`: what the response needs; `closed`:
 * the writer stopped before `end` (the task failed, or answered an error instead of a stream).
 */
export type StreamMessage = { type: 'started' } | { type: 'head'; filename: string } | { type: 'chunk'; bytes: Uint8Array } | { type: 'end' } | { type: 'closed' };
/** Reader → worker. */
export type ReaderMessage = { type: 'pull' } | { type: 'cancel' };

export const CHUNK_BYTES = 64 * 1024;
/** Chunks the worker may hold ready before it waits for the reader. */
const MAX_WAITING_CHUNKS = 4;
/** Steps between two looks at the port (the render is synchronous in between). */
const STEPS_PER_YIELD = 16;

export class StreamCancelled extends Error {
  constructor() {
    super('The reader cancelled the stream.');
  }
}

/** The worker's end. `write` and `ready` are the PdfSink contract (lib/report/pdf.ts). */
export class PortWriter {
  private batch = new Uint8Array(CHUNK_BYTES);
  private filled = 0;
  private readonly waiting: Uint8Array[] = [];
  private demand = 0;
  private cancelled = false;
  private ended = false;
  private wake: (() => void) | null = null;
  private steps = 0;

  constructor(private readonly port: MessagePort) {
    port.on('message', (message: ReaderMessage) => {
      if (message.type === 'pull') this.demand++;
      else this.cancelled = true;
      this.send();
      this.wake?.();
    });
  }

  post(message: Exclude<StreamMessage, { type: 'chunk' }>): void {
    this.port.postMessage(message);
  }

  write(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.byteLength) {
      const n = Math.min(chunk.byteLength - at, CHUNK_BYTES - this.filled);
      this.batch.set(chunk.subarray(at, at + n), this.filled);
      this.filled += n;
      at += n;
      if (this.filled === CHUNK_BYTES) this.seal();
    }
  }

  /** Undefined to go on; a promise to wait for (the reader is behind, or messages are due); rejects once cancelled. */
  ready(): Promise<void> | undefined {
    this.send();
    if (this.cancelled) return Promise.reject(new StreamCancelled());
    if (this.waiting.length >= MAX_WAITING_CHUNKS) return this.until(() => this.waiting.length < MAX_WAITING_CHUNKS);
    if (++this.steps % STEPS_PER_YIELD === 0) return new Promise((resolve) => setImmediate(resolve));
    return undefined;
  }

  /** Sends what is left as the reader asks for it, then `end`. */
  async end(): Promise<void> {
    if (this.filled > 0) this.seal();
    await this.until(() => this.waiting.length === 0);
    this.post({ type: 'end' });
    this.ended = true;
  }

  /**
   * Done with the port. Says so first when `end` was not sent: a port closed inside a pool's
   * thread is not seen as closed on the other side until the thread itself ends.
   */
  close(): void {
    if (!this.ended) this.port.postMessage({ type: 'closed' } satisfies StreamMessage);
    this.port.close();
  }

  private seal(): void {
    this.waiting.push(this.filled === CHUNK_BYTES ? this.batch : this.batch.slice(0, this.filled));
    this.batch = new Uint8Array(CHUNK_BYTES);
    this.filled = 0;
    this.send();
  }

  private send(): void {
    while (this.demand > 0 && this.waiting.length > 0) {
      const bytes = this.waiting.shift()!;
      // Transferred, not copied: the batch is never touched again here.
      this.port.postMessage({ type: 'chunk', bytes } satisfies StreamMessage, [bytes.buffer as ArrayBuffer]);
      this.demand--;
    }
  }

  private async until(done: () => boolean): Promise<void> {
    while (!done()) {
      if (this.cancelled) throw new StreamCancelled();
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }
}

export interface PortReaderOptions {
  /**
   * How long a running task may go without a message it owes (the head, a chunk asked for)
   * before it counts as stuck, and how long the reader may go without asking for more before
   * it counts as gone (a download that stopped reading must not hold a worker for ever).
   */
  idleMs: number;
  /** Called once when the task is stuck (the caller ends it the hard way). */
  onStuck: () => void;
}

/** The request thread's end: the head, then the body as a ReadableStream for a Response. */
export class PortReader {
  /** The task has left the queue and runs. */
  started = false;
  readonly head: Promise<{ filename: string }>;
  readonly body: ReadableStream<Uint8Array>;
  private settleHead!: { resolve: (head: { filename: string }) => void; reject: (error: Error) => void };
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private pending: (() => void) | null = null;
  private ended = false;
  private headSeen = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly port: MessagePort,
    private readonly options: PortReaderOptions,
  ) {
    this.head = new Promise((resolve, reject) => (this.settleHead = { resolve, reject }));
    // Rejections are read by the caller when it wants the head; none may go unhandled before.
    this.head.catch(() => undefined);
    this.body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
        },
        pull: () =>
          new Promise<void>((resolve) => {
            this.pending = resolve;
            this.arm();
            this.port.postMessage({ type: 'pull' } satisfies ReaderMessage);
          }),
        cancel: () => this.cancel(),
      },
      // Nothing is asked for before the Response reads: a chunk is pulled when one is wanted.
      { highWaterMark: 0 },
    );
    port.on('message', (message: StreamMessage) => this.receive(message));
    // A thread that died closes its ports.
    port.on('close', () => this.fail(new Error('The worker closed the stream before its end.')));
  }

  /** Stops the task: the worker stops at its next check. With `error`, a reader still there gets it. */
  cancel(error?: Error): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    this.port.postMessage({ type: 'cancel' } satisfies ReaderMessage);
    this.settleHead.reject(error ?? new StreamCancelled());
    if (error) this.controller.error(error);
    this.release();
  }

  /** Ends the body with an error (the task failed): the download breaks off rather than hangs. */
  fail(error: Error): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    this.settleHead.reject(error);
    this.controller.error(error);
    this.release();
    this.port.close();
  }

  private receive(message: StreamMessage): void {
    if (this.ended) return;
    switch (message.type) {
      case 'started':
        this.started = true;
        this.arm();
        return;
      case 'head':
        this.headSeen = true;
        this.arm();
        this.settleHead.resolve({ filename: message.filename });
        return;
      case 'chunk':
        this.controller.enqueue(message.bytes);
        this.release();
        this.arm();
        return;
      case 'closed':
        this.fail(new Error('The worker closed the stream before its end.'));
        return;
      case 'end':
        this.ended = true;
        clearTimeout(this.timer);
        this.controller.close();
        this.release();
        this.port.close();
        return;
    }
  }

  /** Restarts the idle clock; it runs from the task's start to the stream's end. */
  private arm(): void {
    clearTimeout(this.timer);
    if (!this.started || this.ended) return;
    this.timer = setTimeout(() => {
      if (this.pending !== null || !this.headSeen) {
        this.options.onStuck();
        this.fail(new Error(`The worker sent nothing for ${this.options.idleMs} ms.`));
      } else {
        this.cancel(new Error(`The download was not read for ${this.options.idleMs} ms.`));
      }
    }, this.options.idleMs);
    this.timer.unref();
  }

  private release(): void {
    this.pending?.();
    this.pending = null;
  }
}
