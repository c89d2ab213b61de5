const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];

/** Deterministic filler of exactly `tokenCount` demo tokens (each word is one token), for benchmarks. */
export function fillerText(tokenCount: number): string {
  return Array.from({ length: tokenCount }, (_, index) => words[index % words.length]).join(' ');
}
