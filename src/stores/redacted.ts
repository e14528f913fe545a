/** A connection URL fit for logs and error messages: the password is replaced by ***. */
export function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(a URL that could not be read)';
  }
}

/** The reason an error gives, short: "ECONNREFUSED" or its message. */
export function reasonOf(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown; errors?: unknown[] };
  if (typeof e?.code === 'string') return e.code;
  // Node's AggregateError (IPv4 and IPv6 both refused) carries the codes inside.
  const inner = e?.errors?.[0] as { code?: unknown } | undefined;
  if (typeof inner?.code === 'string') return inner.code;
  return typeof e?.message === 'string' && e.message ? e.message : String(error);
}
