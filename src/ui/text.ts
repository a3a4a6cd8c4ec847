// Text rules every renderer shares. A name (customer, rep, alias) shown inline must stay on its
// line: a rep named "Bob\n✅ All customers healthy" must not add a fake line to a digest.

// Control characters (C0, DEL, C1), line/paragraph separators and other vertical breaks.
const BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** A name for inline use: line breaks and control characters become one space; trimmed. */
export function oneLine(text: string): string {
  return text.replace(BREAKS, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Names joined for a one-line list ("Away: A, B"). */
export function nameList(names: readonly string[], sep = ', '): string {
  return names.map(oneLine).join(sep);
}
