// What the server children share: where they listen, and how their parent ends them.
import type { INestApplication } from '@nestjs/common';

/** Listens on a free loopback port and answers the URL the child prints for its parent. */
export async function listenOnLoopback(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return `http://127.0.0.1:${port}`;
}

/** The parent ends a child by closing its stdin: the server, then the runtime, are closed once. */
export function closeWhenStdinEnds(app: INestApplication, runtime: { close(): Promise<void> }): void {
  let closing = false;
  process.stdin.on('end', () => {
    if (closing) return;
    closing = true;
    void app
      .close()
      .then(() => runtime.close())
      .then(() => process.exit(0));
  });
  // A stream no one reads is paused and never ends.
  process.stdin.resume();
}
