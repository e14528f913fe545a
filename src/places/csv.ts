/**
 * A small RFC 4180 reader and writer for the place tables: quoted fields, doubled quotes, commas and
 * newlines inside quotes. Written here rather than added as a dependency: the tables are plain and this
 * is all they need, and start-up stays lean.
 */

/** Each record as its fields, with the 1-based line it starts on (for error messages). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Splits CSV text into records. A blank line is skipped. Throws on an unclosed quote, naming the line. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      if (c === '\n') line++;
      i++;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n') {
      endRecord();
      line++;
      start = line;
    } else if (c !== '\r') field += c;
    i++;
  }
  if (quoted) throw new Error(`a quoted field starting on line ${start} is never closed: add the closing "`);
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/** Reads CSV text with a header line into objects keyed by the header's names, each with its line. */
export function readTable(text: string): {
  header: string[];
  rows: { line: number; row: Record<string, string> }[];
} {
  const [head, ...body] = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = head?.fields.map((name) => name.trim()) ?? [];
  const rows = body.map(({ line, fields }) => {
    const row: Record<string, string> = {};
    header.forEach((name, i) => {
      row[name] = (fields[i] ?? '').trim();
    });
    return { line, row };
  });
  return { header, rows };
}

const quote = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** Writes rows as CSV with the given columns, one record per line, ending with a newline. */
export function writeTable(
  columns: readonly string[],
  rows: readonly Record<string, string | number | undefined>[],
): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => quote(String(row[c] ?? ''))).join(','));
  return `${lines.join('\n')}\n`;
}
