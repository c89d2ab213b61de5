const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];

/** Deterministic filler of exactly `tokenCount` demo tokens (each word is one token), for benchmarks. */
export function fillerText(tokenCount: number): string {
  return Array.from({ length: tokenCount }, (_, index) => words[index % words.length]).join(' ');
}

/** Deterministic filler of exactly `characters` characters (the filler words, cut where it reaches them). */
export function fillerCharacters(characters: number): string {
  const tokens = Math.ceil(characters / 5) + 1;
  return fillerText(tokens).slice(0, characters);
}
