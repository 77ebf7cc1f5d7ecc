// Screens read `dataVersion.value` in their loading effect; bumping it after a save anywhere
// (the quick-add dialog, a follow-up marked done, demo data) reloads whatever is visible.
let version = $state(0);

export const dataVersion = {
  get value(): number {
    return version;
  },
};

export function dataChanged(): void {
  version++;
}
