/**
 * A reply split at a platform's length limit, counted in code points: never inside a
 * surrogate pair (an emoji), preferring a line or word break in the second half of a chunk.
 */
export function splitText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = [...text.trim()];
  while (rest.length > 0) {
    if (rest.length <= max) {
      chunks.push(rest.join(''));
      break;
    }
    let cut = max;
    for (let i = max; i > max / 2; i--) {
      if (rest[i] === '\n' || rest[i] === ' ') {
        cut = i;
        break;
      }
    }
    chunks.push(rest.slice(0, cut).join('').trimEnd());
    rest = rest.slice(cut);
    while (rest[0] === '\n' || rest[0] === ' ') rest.shift();
  }
  return chunks.filter((c) => c.length > 0);
}
