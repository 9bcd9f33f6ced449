/**
 * A remark plugin that turns bare URLs in text ("https://github.com/…") into links, as
 * people expect from a description that lists deliverables. (remark-gfm would do it and
 * more; this is the one feature the cards need, without another dependency.)
 */
interface Node {
  type: string;
  value?: string;
  url?: string;
  children?: Node[];
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/g;
/** Punctuation that ends a sentence rather than the URL. */
const TRAILING = /[.,;:!?)\]]+$/;

function split(text: string): Node[] | null {
  const parts: Node[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let url = match[0];
    const trail = url.match(TRAILING)?.[0] ?? '';
    // Keep a closing parenthesis that belongs to the URL, e.g. wikipedia links.
    if (trail) url = url.slice(0, url.length - trail.length);
    const start = match.index ?? 0;
    if (start > last) parts.push({ type: 'text', value: text.slice(last, start) });
    parts.push({ type: 'link', url, children: [{ type: 'text', value: url }] });
    last = start + url.length;
  }
  if (parts.length === 0) return null;
  if (last < text.length) parts.push({ type: 'text', value: text.slice(last) });
  return parts;
}

function walk(node: Node) {
  if (!node.children || node.type === 'link' || node.type === 'linkReference') return;
  const next: Node[] = [];
  for (const child of node.children) {
    const parts = child.type === 'text' && child.value ? split(child.value) : null;
    if (parts) next.push(...parts);
    else {
      walk(child);
      next.push(child);
    }
  }
  node.children = next;
}

export function remarkAutolink() {
  return (tree: Node) => walk(tree);
}
