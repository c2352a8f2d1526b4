/** Default worker nodes: what a fresh kubeadm/kind-style node reports. */
import type { Node } from '../types.ts';

/** Node i's InternalIP (172.18.0.2, 172.18.0.3, … like kind). */
export function nodeIP(i: number): string {
  return `172.18.${Math.floor(i / 250)}.${(i % 250) + 2}`;
}

/** First three octets of node i's pod CIDR (10.244.i.0/24, continuing into 10.245.x …). */
export function podCIDRBase(i: number): string {
  return `10.${244 + Math.floor(i / 256)}.${i % 256}`;
}

export const KUBELET_VERSION = 'v1.32.0';

export function defaultNode(name: string, index: number): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: `${podCIDRBase(index)}.0/24`,
      podCIDRs: [`${podCIDRBase(index)}.0/24`],
    },
    status: {
      addresses: [
        { type: 'InternalIP', address: nodeIP(index) },
        { type: 'Hostname', address: name },
      ],
      capacity: { cpu: '4', 'ephemeral-storage': '102400Mi', memory: '16Gi', pods: '110' },
      allocatable: { cpu: '4', 'ephemeral-storage': '102400Mi', memory: '16Gi', pods: '110' },
      nodeInfo: {
        architecture: 'amd64',
        bootID: '',
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.1.0-kubeactors',
        kubeProxyVersion: KUBELET_VERSION,
        kubeletVersion: KUBELET_VERSION,
        machineID: '',
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: '',
      },
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    },
  };
}
