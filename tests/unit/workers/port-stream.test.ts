// The worker → response byte stream (lib/workers/port-stream.ts) over a real MessageChannel: the
// bytes arrive whole and in order, the writer waits for a reader that is behind, a reader that
// cancels stops the writer, and a writer that goes away fails the reader instead of hanging it.
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, PortReader, PortWriter, StreamCancelled } from '@/lib/workers/port-stream';

const pair = (idleMs = 5_000, onStuck: () => void = () => undefined) => {
  const { port1, port2 } = new MessageChannel();
  return { reader: new PortReader(port1, { idleMs, onStuck }), writer: new PortWriter(port2) };
};

/** A pair whose task has started and sent its head. */
async function opened() {
  const p = pair();
  p.writer.post({ type: 'started' });
  p.writer.post({ type: 'head', filename: 'x.pdf' });
  await p.reader.head;
  return p;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('PortWriter → PortReader', () => {
  it('delivers the head, then every byte in order', async () => {
    const { reader, writer } = pair();
    const bytes = new Uint8Array(3 * CHUNK_BYTES + 1234).map((_, i) => (i * 7) % 251);
    const sending = (async () => {
      writer.post({ type: 'started' });
      writer.post({ type: 'head', filename: 'report.pdf' });
      for (let at = 0; at < bytes.length; at += 1000) {
        writer.write(bytes.subarray(at, at + 1000));
        await writer.ready();
      }
      await writer.end();
    })();
    expect(await reader.head).toEqual({ filename: 'report.pdf' });
    expect(await readAll(reader.body)).toEqual(bytes);
    await sending;
    writer.close();
  });

  it('holds the writer back while nobody reads, and lets it go on as the reader reads', async () => {
    const { reader, writer } = await opened();
    let written = 0;
    let done = false;
    const sending = (async () => {
      for (let i = 0; i < 40; i++) {
        writer.write(new Uint8Array(CHUNK_BYTES));
        written++;
        await writer.ready();
      }
      await writer.end();
      done = true;
    })();
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Nobody has read: the writer stopped after a few chunks instead of making all 40.
    expect(written).toBeLessThan(10);
    expect(done).toBe(false);
    expect((await readAll(reader.body)).byteLength).toBe(40 * CHUNK_BYTES);
    await sending;
    expect(done).toBe(true);
    writer.close();
  });

  it('stops the writer when the reader cancels', async () => {
    const { reader, writer } = await opened();
    const sending = (async () => {
      for (;;) {
        writer.write(new Uint8Array(CHUNK_BYTES));
        await writer.ready();
      }
    })();
    const body = reader.body.getReader();
    await body.read();
    await body.cancel();
    await expect(sending).rejects.toBeInstanceOf(StreamCancelled);
    writer.close();
  });

  it('fails the reader when the writer closes its port before the end', async () => {
    const { reader, writer } = await opened();
    writer.write(new Uint8Array(10));
    writer.close();
    await expect(readAll(reader.body)).rejects.toThrow(/closed the stream/);
  });

  it('calls a started task that sends nothing stuck, and fails its reader', async () => {
    let stuck = 0;
    const { reader, writer } = pair(100, () => stuck++);
    writer.post({ type: 'started' });
    await expect(reader.head).rejects.toThrow(/sent nothing for 100 ms/);
    expect(stuck).toBe(1);
    writer.close();
  });
});
