import { fileURLToPath } from 'node:url';

/** The bundled default watchlist: a mid-size US hospital's vendors, used when VENDORWATCH_WATCHLIST is unset. */
export const EXAMPLE_WATCHLIST_PATH = fileURLToPath(new URL('./example-watchlist.json', import.meta.url));
