/**
 * A moment just before the routes load: imported first by client-generate.ts, so every example date
 * the routes compute as they load comes after it (http-file.ts writes each as an offset from it).
 */
export const loadedAt = Date.now();
