// html-to-text 10 ships no type declarations; this is the one function we call.
declare module 'html-to-text' {
  export function convert(html: string, options?: Record<string, unknown>): string;
}
