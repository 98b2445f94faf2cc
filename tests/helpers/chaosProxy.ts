/**
 * A TCP proxy on 127.0.0.1 that cuts connections at random, for chaos tests.
 * Devices talk to the proxy; the proxy forwards to whatever port the sync
 * server currently listens on (it moves when the process is restarted).
 *
 * A cut either drops the request before the server saw all of it, or drops
 * the server's answer after the server may already have applied the request:
 * the second kind is the one that tests push idempotency. Loopback only.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ChaosProxyOptions {
  /** Probability, per chunk a client sends, of cutting the connection before forwarding it. */
  cutRequest: number;
  /** Probability, per chunk the server answers, of cutting the connection instead of delivering it. */
  cutResponse: number;
  random: () => number;
  /** Called with the first bytes of every request chunk that reaches the server. */
  onRequest?: (head: string) => void;
}

export interface ChaosProxy {
  url: string;
  /** Where to forward new connections. */
  setUpstream(port: number): void;
  /** Turns cutting on or off (off for the final settling rounds). */
  setChaos(on: boolean): void;
  readonly stats: { connections: number; cutRequests: number; cutResponses: number };
  close(): Promise<void>;
}

export async function startChaosProxy(options: ChaosProxyOptions): Promise<ChaosProxy> {
  let upstreamPort = 0;
  let chaos = true;
  const stats = { connections: 0, cutRequests: 0, cutResponses: 0 };
  const sockets = new Set<net.Socket>();

  const server = net.createServer((client) => {
    stats.connections += 1;
    const upstream = net.connect({ host: '127.0.0.1', port: upstreamPort });
    sockets.add(client).add(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', () => {
      sockets.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    client.on('error', cut);
    upstream.on('error', cut);

    client.on('data', (chunk: Buffer) => {
      if (chaos && options.random() < options.cutRequest) {
        stats.cutRequests += 1;
        // Sometimes half the chunk gets through first: a request cut mid-body.
        if (options.random() < 0.5) upstream.write(chunk.subarray(0, Math.floor(chunk.length / 2)));
        cut();
        return;
      }
      options.onRequest?.(chunk.subarray(0, 64).toString('latin1'));
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (chaos && options.random() < options.cutResponse) {
        stats.cutResponses += 1;
        cut();
        return;
      }
      client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    setUpstream(next) {
      upstreamPort = next;
    },
    setChaos(on) {
      chaos = on;
    },
    stats,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
