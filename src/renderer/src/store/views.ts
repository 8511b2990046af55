/** The app's top-level views, in sidebar order. */
export const VIEWS = [
  { id: 'tokens', label: 'Tokens' },
  { id: 'registries', label: 'Registries' },
  { id: 'scan', label: 'Scan' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];
