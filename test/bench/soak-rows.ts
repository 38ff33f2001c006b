// The soak's rows: shared by the import child that writes them and the sandbox child that checks them.

/** The name of soak row `i` (0-based). */
export function soakName(i: number): string {
  return `Soak Org ${i + 1}`;
}
