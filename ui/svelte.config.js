// Svelte 5 reads TypeScript in components natively; no preprocessing is needed.
export default {};
