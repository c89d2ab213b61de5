/** A search hit's snippet with each occurrence of the query marked. */
export function HighlightedSnippet({ snippet, query }: { readonly snippet: string; readonly query: string }) {
  const needle = query.trim().toLowerCase();
  if (needle === '') return <>{snippet}</>;
  const parts: { text: string; match: boolean; at: number }[] = [];
  const lower = snippet.toLowerCase();
  let from = 0;
  for (let found = lower.indexOf(needle); found >= 0; found = lower.indexOf(needle, from)) {
    if (found > from) parts.push({ text: snippet.slice(from, found), match: false, at: from });
    parts.push({ text: snippet.slice(found, found + needle.length), match: true, at: found });
    from = found + needle.length;
  }
  if (from < snippet.length) parts.push({ text: snippet.slice(from), match: false, at: from });
  return (
    <>
      {parts.map((part) =>
        part.match ? <mark key={part.at}>{part.text}</mark> : <span key={part.at}>{part.text}</span>,
      )}
    </>
  );
}
