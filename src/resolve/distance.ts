// Three rows of the table, kept between calls and grown as needed: a message compares dozens of words
// (typos, place names), and a table allocated per comparison was garbage for the young generation.
let older = new Int32Array(32);
let prev = new Int32Array(32);
let row = new Int32Array(32);

/** Optimal string alignment distance: edits, with a swap of neighbours counting once ("contarct"). */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  if (row.length < cols) {
    older = new Int32Array(cols * 2);
    prev = new Int32Array(cols * 2);
    row = new Int32Array(cols * 2);
  }
  for (let j = 0; j < cols; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    // Rotate: the row before last, the last, and this one (reusing the oldest).
    const spare = older;
    older = prev;
    prev = row;
    row = spare;
    row[0] = i;
    let best = Number.POSITIVE_INFINITY;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, (older[j - 2] as number) + 1);
      }
      row[j] = v;
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
  }
  return row[cols - 1] as number;
}
