let open = $state(false);
let employerId = $state<string | null>(null);

export const contactDialog = {
  get open(): boolean {
    return open;
  },
  /** An employer to start with, when opened from that employer's page. */
  get employerId(): string | null {
    return employerId;
  },
};

export function openContactDialog(presetEmployerId: string | null = null): void {
  employerId = presetEmployerId;
  open = true;
}

export function closeContactDialog(): void {
  open = false;
}
