import type { Role } from "../client";

export const ROLES: { value: Role; label: string }[] = [
  { value: "admin", label: "admin — everything, and the GPU queue" },
  { value: "analyst", label: "analyst — reads and writes" },
  { value: "viewer", label: "viewer — reads only" },
];
