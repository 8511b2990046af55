/** The app's top-level views, in sidebar order. Add registry accounts etc. here. */
export const VIEWS = [{ id: 'tokens', label: 'Tokens' }] as const;

export type ViewId = (typeof VIEWS)[number]['id'];
