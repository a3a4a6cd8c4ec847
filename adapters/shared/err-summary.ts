// An error as a log field: its name, code and the start of its message, never the request, response
// or headers an SDK error may carry (they can hold tokens).
export function errSummary(err: unknown): Record<string, unknown> {
  if (err instanceof Error) {
    return { name: err.name, message: err.message.slice(0, 300), code: (err as { code?: unknown }).code };
  }
  return { message: String(err).slice(0, 300) };
}
