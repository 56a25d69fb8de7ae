import type { QueueGpu } from "../client";

/** Megabytes as the estimate speaks them (decimal GB). */
export function gb(mb: number): string {
  const value = mb / 1000;
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(1)} GB`;
}

export function memoryPct(gpu: Pick<QueueGpu, "memory_used_mb" | "memory_total_mb">): number {
  return gpu.memory_total_mb > 0 ? (100 * gpu.memory_used_mb) / gpu.memory_total_mb : 0;
}

export function relative(iso: string, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}
