/**
 * `kubeactors demo` (what `npm start` runs): a built-in scenario touring the simulator — init
 * containers and a readiness probe, a crash loop, an unschedulable pod, watch, describe, logs of
 * the previous container, a graceful delete, the event log, a ReplicaSet riding out a node failure
 * and a Deployment rollout with a rollback. Deterministic; no state file.
 */
import { parseScenario, runScenario } from './scenario.ts';
import type { Session } from './session.ts';

export const DEMO_SCENARIO = `
name: kubeactors demo
nodes: 3
seed: 1
steps:
  - section: A simulated cluster with three worker nodes
  - echo: Every command below runs on a simulated clock; "advance" moves it forward.
  - run: get nodes

  - section: Three pods
  - echo: |-
      web     - an init container, then nginx behind a readiness probe, plus a sidecar-style helper
      crashy  - its process exits with code 1 three seconds after each start
      hungry  - asks for 64 CPUs, more than any node has
  - apply: |
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
        labels:
          app: web
        annotations:
          kubeactors.dev/run-seconds.init-config: "4"
          kubeactors.dev/termination-seconds: "8"
      spec:
        initContainers:
        - name: init-config
          image: busybox:1.36
          command: ["sh", "-c", "cp /config/* /etc/nginx/conf.d/"]
        containers:
        - name: nginx
          image: nginx:1.27
          ports:
          - containerPort: 80
          readinessProbe:
            httpGet:
              path: /healthz
              port: 80
            initialDelaySeconds: 5
            periodSeconds: 5
        - name: log-shipper
          image: busybox:1.36
          command: ["sh", "-c", "tail -F /var/log/nginx/access.log"]
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: crashy
        annotations:
          kubeactors.dev/run-seconds: "3"
          kubeactors.dev/exit-code: "1"
          kubeactors.dev/logs: |-
            connecting to db:5432
            error: connection refused
      spec:
        containers:
        - name: app
          image: busybox:1.36
          command: ["sh", "-c", "./worker --db db:5432"]
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: hungry
      spec:
        containers:
        - name: app
          image: nginx:1.27
          resources:
            requests:
              cpu: "64"
  - run: get pods

  - section: The kubelet at work
  - echo: Images pull (2s), web's init container runs (4s), then its containers start.
  - advance: 3s
  - run: get pods
  - advance: 7s
  - echo: nginx runs but is not Ready until its readiness probe passes; crashy has crashed once.
  - run: get pods
  - expect: { command: get pods, row: web, column: READY, equals: 1/2 }
  - wait: { for: condition=Ready, target: pod/web, timeout: 1m }
  - run: get pods -o wide

  - section: Watching the crash loop for two minutes (back-off doubles 10s, 20s, 40s, ...)
  - run: get pod crashy -w --watch-for 2m

  - section: Why is hungry Pending? Why does crashy restart?
  - run: describe pod hungry
  - run: logs crashy --previous
  - expect: { get: pod/crashy, path: ".status.containerStatuses[0].lastState.terminated.exitCode", equals: "1" }
  - run: describe pod crashy

  - section: Debugging web with an ephemeral container that shares nginx's process namespace
  - run: debug web -it --image=busybox:1.36 --target=nginx -c debugger --profile=general
  - advance: 3s
  - run: exec web -c debugger -- ps aux

  - section: A graceful delete (nginx takes 8s to stop)
  - run: delete pod web --wait=false
  - run: get pods
  - advance: 10s
  - run: get pods
  - expect: { get: pod/web, absent: true }

  - section: Events, oldest first
  - run: events

  - section: A ReplicaSet keeps three replicas running
  - apply: |
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: frontend
        labels: { tier: frontend }
      spec:
        replicas: 3
        selector:
          matchLabels: { tier: frontend }
        template:
          metadata:
            labels: { tier: frontend }
          spec:
            containers:
            - name: php-redis
              image: gcr.io/google_samples/gb-frontend:v3
  - advance: 5s
  - run: get rs
  - echo: "A node fails: after the 50s grace it is Unknown and tainted; 300s later its pods are evicted and replaced."
  - run: nodes fail node-1
  - advance: 6m
  - run: get pods -l tier=frontend -o wide
  - expect: { command: get rs, row: frontend, column: READY, equals: "3" }
  - run: scale rs frontend --replicas=1
  - advance: 5s
  - run: get rs frontend

  - section: A Deployment rolls out a new image, one surge pod at a time, and rolls it back
  - apply: |
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: nginx-deployment
        labels: { app.kubernetes.io/name: nginx }
      spec:
        replicas: 3
        selector:
          matchLabels: { app.kubernetes.io/name: nginx }
        template:
          metadata:
            labels: { app.kubernetes.io/name: nginx }
          spec:
            containers:
            - name: nginx
              image: nginx:1.14.2
              ports:
              - containerPort: 80
  - run: rollout status deployment/nginx-deployment
  - run: set image deployment/nginx-deployment nginx=nginx:1.16.1 --record
  - run: rollout status deployment/nginx-deployment
  - run: get rs -l app.kubernetes.io/name=nginx
  - run: rollout history deployment/nginx-deployment
  - run: rollout undo deployment/nginx-deployment
  - run: rollout status deployment/nginx-deployment
  - run: get deploy nginx-deployment -o wide
  - expect: { command: get deploy nginx-deployment, row: nginx-deployment, column: READY, equals: "3/3" }
  - run: events --for deployment/nginx-deployment
`;

export async function runDemo(s: Session): Promise<number> {
  return runScenario(s, parseScenario(DEMO_SCENARIO, 'demo'));
}
