/**
 * The generated fetch client names the DOM's `BodyInit`; this repository compiles without the DOM
 * library (Node's fetch types come from @types/node), so the name is declared here, as Node's fetch
 * takes it. Imported by index.ts, so every program that uses the client sees it.
 */
declare global {
  type BodyInit = NonNullable<RequestInit['body']>;
}

export {};
