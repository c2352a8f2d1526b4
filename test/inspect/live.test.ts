import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createCluster } from '../../src/cluster/cluster.ts';
import { startInspectorServer, type InspectorServer } from '../../src/inspect/live.ts';

const NGINX = JSON.stringify({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx' },
  spec: { containers: [{ name: 'app', image: 'nginx:1.14.2', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 } }] },
});

/** A viewer: a plain WebSocket client collecting what the relay sends. */
async function viewer(url: string): Promise<{ ws: WebSocket; messages: any[]; until: (p: (m: any[]) => boolean) => Promise<void> }> {
  const ws = new WebSocket(url);
  const messages: any[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (d) => {
    messages.push(JSON.parse(d.toString()));
    for (const w of waiters.splice(0)) w();
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const until = async (p: (m: any[]) => boolean) => {
    const deadline = Date.now() + 5000;
    while (!p(messages)) {
      if (Date.now() > deadline) throw new Error(`timed out; got ${messages.length} messages`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 50);
      });
    }
  };
  return { ws, messages, until };
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    })
      .on('error', reject)
      .end();
  });
}

let live: InspectorServer | undefined;
afterEach(async () => {
  await live?.close();
  live = undefined;
});

describe('live inspector server', () => {
  it('relays a cluster run to a connected viewer, actors named by path', async () => {
    live = await startInspectorServer({ port: 0 });
    expect(live.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    const v = await viewer(live.wsUrl);
    const cluster = createCluster({ nodes: 1, seed: 1, inspect: live.inspect });
    cluster.apply(NGINX);
    cluster.advance('10s');
    await v.until((m) => m.some((e) => e.type === '@xstate.event' && e.event.type === 'timer.tick'));
    const actors = v.messages.filter((e) => e.type === '@xstate.actor');
    expect(actors.map((a) => a.sessionId)).toEqual(['cluster', 'Node/node-1', 'Pod/default/nginx', 'Pod/default/nginx/app', 'Pod/default/nginx/app/readiness']);
    const probe = actors.find((a) => a.sessionId === 'Pod/default/nginx/app/readiness');
    expect(probe).toMatchObject({ parentId: 'Pod/default/nginx/app', rootId: 'cluster', _version: '0.7.2' });
    expect(JSON.parse(probe.definition).id).toBe('probe');
    expect(v.messages.some((e) => e.type === '@xstate.event' && e.event.type === 'pod.bound')).toBe(true);
    expect(v.messages.some((e) => e.type === '@xstate.snapshot' && e.sessionId === 'Pod/default/nginx' && e.snapshot.context)).toBe(true);
    cluster.stop();
    v.ws.close();
  });

  it('replays every actor announcement to a viewer that connects late', async () => {
    live = await startInspectorServer({ replay: 0 });
    const cluster = createCluster({ nodes: 1, seed: 1, inspect: live.inspect });
    cluster.apply(NGINX);
    cluster.advance('10s');
    // Let the inspector's messages reach the relay before the viewer asks.
    const first = await viewer(live.wsUrl);
    await first.until((m) => m.length >= 5);
    first.ws.close();
    const late = await viewer(live.wsUrl);
    await late.until((m) => m.length >= 5);
    expect(late.messages.every((e) => e.type === '@xstate.actor')).toBe(true);
    expect(late.messages.map((e) => e.sessionId)).toContain('Pod/default/nginx/app/readiness');
    cluster.stop();
    late.ws.close();
  });

  it('serves the page that frames the viewer, and closes cleanly with a viewer still connected', async () => {
    live = await startInspectorServer();
    const page = await get(live.url);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<iframe id="inspector" src="https://stately.ai/inspect">');
    expect(page.body).toContain("new WebSocket('ws://' + location.host)");
    expect((await get(`${live.url}nope`)).status).toBe(404);
    const v = await viewer(live.wsUrl);
    const closed = new Promise((r) => v.ws.once('close', r));
    await live.close();
    live = undefined;
    await closed;
  });
});
