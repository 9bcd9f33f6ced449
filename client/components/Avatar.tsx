import './avatar.css';

/** "Nadia Haddad" → "NH"; "Inès" → "IN". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  if (words.length === 1) return words[0]!.slice(0, 2).toUpperCase();
  return (words[0]![0]! + words[words.length - 1]![0]!).toUpperCase();
}

// Soft backgrounds, each with dark text above 7:1, so any person's colour stays readable.
const TONES = ['#dbeafe', '#dcfce7', '#fef3c7', '#fce7f3', '#ede9fe', '#cffafe', '#ffedd5', '#e0e7ff'];

function toneFor(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return TONES[hash % TONES.length]!;
}

/** A person as their initials in a circle; `label` (e.g. "Evaluator: Nadia Haddad") is what assistive technology reads. */
export function Avatar({ name, label, size = 'sm' }: { name: string; label: string; size?: 'sm' | 'md' }) {
  return (
    <span className={`ui-avatar ui-avatar-${size}`} role="img" aria-label={label} title={label} style={{ background: toneFor(name) }}>
      <span aria-hidden="true">{initials(name)}</span>
    </span>
  );
}
