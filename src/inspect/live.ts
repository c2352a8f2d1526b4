/**
 * Live viewing in Stately's inspector: a local WebSocket relay plus the page that bridges it to
 * the viewer, and a `createWebSocketInspector` (from `@statelyai/inspect`) feeding it through the
 * bridge (actors named by path, as in JSONL traces).
 *
 *   const live = await startInspectorServer({ port: 8080 });
 *   const cluster = createCluster({ inspect: live.inspect });
 *   // open live.url in a browser
 *
 * The page only frames https://stately.ai/inspect: the viewer itself is hosted online and is not
 * part of `@statelyai/inspect`. Offline, use a JSONL trace (jsonl.ts).
 *
 * Why not `createInspectorServer` from `@statelyai/inspect/server`: it listens on every interface
 * (no host option), cannot tell which port it got (so port 0 is unusable, and its page hard-codes
 * `ws://localhost:<port>`), replays only the last 200 messages (a viewer opened late misses the
 * actors created early), and its `stop()` neither waits nor closes connected sockets. This relay
 * speaks the same protocol: every message from a client goes to all the others.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebSocketInspector } from '@statelyai/inspect';
import { WebSocket, WebSocketServer } from 'ws';
import type { AnyActorRef, InspectionEvent } from 'xstate';
import { Bridge } from './bridge.ts';

export interface InspectorServerOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1: the stream carries the whole cluster state. */
  host?: string;
  /** The viewer the page frames. Default https://stately.ai/inspect. */
  viewerUrl?: string;
  /** Messages other than actor announcements kept for a viewer that connects later. Default 1000. */
  replay?: number;
}

export interface InspectorServer {
  readonly port: number;
  /** The page to open in a browser. */
  readonly url: string;
  /** The relay; other processes can point `createWebSocketInspector({ url })` at it. */
  readonly wsUrl: string;
  /** The XState inspection callback: `createCluster({ inspect: live.inspect })`. */
  readonly inspect: (e: InspectionEvent) => void;
  /** Streams an actor system that is already running (announces its live actors first). */
  attach(actor: AnyActorRef): () => void;
  /** Closes the inspector's socket, every viewer's, and the server. */
  close(): Promise<void>;
}

export async function startInspectorServer(opts: InspectorServerOptions = {}): Promise<InspectorServer> {
  const host = opts.host ?? '127.0.0.1';
  const viewerUrl = opts.viewerUrl ?? 'https://stately.ai/inspect';
  const keep = opts.replay ?? 1000;

  const http = createServer((req, res) => {
    if (req.method === 'GET' && (req.url === '/' || req.url?.startsWith('/?'))) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(bridgePage(viewerUrl));
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found\n');
    }
  });
  const wss = new WebSocketServer({ server: http });
  const actors: string[] = [];
  const recent: string[] = [];
  wss.on('connection', (ws) => {
    for (const m of actors) ws.send(m);
    for (const m of recent) ws.send(m);
    ws.on('message', (data) => {
      const msg = data.toString();
      if (isActorMessage(msg)) actors.push(msg);
      else {
        recent.push(msg);
        if (recent.length > keep) recent.shift();
      }
      for (const client of wss.clients) if (client !== ws && client.readyState === WebSocket.OPEN) client.send(msg);
    });
  });
  http.listen(opts.port ?? 0, host);
  await Promise.race([once(http, 'listening'), once(http, 'error').then(([e]) => Promise.reject(e))]);
  const port = (http.address() as AddressInfo).port;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const wsUrl = `ws://${hostPart}:${port}`;

  let bridge: Bridge | undefined;
  const inspector = createWebSocketInspector({
    url: wsUrl,
    // Deep pod objects: the default depth of 10 cuts container specs off.
    serializationDepthLimit: 32,
    serialize: (ev) => (bridge ? bridge.finish(ev) : ev),
  });
  bridge = new Bridge(inspector);
  const socket = (inspector.adapter as unknown as { ws: WebSocket }).ws;
  try {
    await Promise.race([once(socket, 'open'), once(socket, 'error').then(([e]) => Promise.reject(e))]);
  } catch (e) {
    inspector.stop();
    await closeServer(wss, http);
    throw e;
  }

  let closed = false;
  const b = bridge;
  const detachers: (() => void)[] = [];
  const inspect = (e: InspectionEvent): void => {
    if (closed) return;
    try {
      b.inspect(e);
    } catch {
      // A viewer must never break the run it watches.
    }
  };
  return {
    port,
    url: `http://${hostPart}:${port}/`,
    wsUrl,
    inspect,
    attach(actor) {
      const d = b.attach(actor, inspect);
      detachers.push(d);
      return d;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const d of detachers) d();
      b.flushPending();
      inspector.stop();
      await closeServer(wss, http);
    },
  };
}

function isActorMessage(msg: string): boolean {
  if (!msg.includes('"@xstate.actor"')) return false;
  try {
    return JSON.parse(msg)?.type === '@xstate.actor';
  } catch {
    return false;
  }
}

async function closeServer(wss: WebSocketServer, http: Server): Promise<void> {
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  await new Promise<void>((resolve) => http.close(() => resolve()));
}

/** Same bridge as `@statelyai/inspect/server`'s page, but the socket follows the page's own host and port. */
function bridgePage(viewerUrl: string): string {
  return `<!DOCTYPE html>
<html>
<head>
  <meta charset="utf-8">
  <title>kubeactors — Stately Inspector</title>
  <style>* { margin: 0; padding: 0; } html, body { height: 100%; } iframe { width: 100%; height: 100%; border: none; }</style>
</head>
<body>
  <iframe id="inspector" src="${viewerUrl.replace(/"/g, '&quot;')}"></iframe>
  <script>
    const iframe = document.getElementById('inspector');
    const buffer = [];
    let connected = false;
    window.addEventListener('message', (e) => {
      if (e.data && e.data.type === '@statelyai.connected') {
        connected = true;
        for (const event of buffer) iframe.contentWindow.postMessage(event, '*');
        buffer.length = 0;
      }
    });
    const ws = new WebSocket('ws://' + location.host);
    ws.onmessage = (event) => {
      const data = JSON.parse(event.data);
      if (connected) iframe.contentWindow.postMessage(data, '*');
      else buffer.push(data);
    };
  </script>
</body>
</html>
`;
}
