/**
 * Card descriptions and comments as markdown. No rehype-raw: raw HTML in the text is shown
 * as text, never parsed, so `<script>` or `<img onerror>` cannot run. react-markdown's
 * default URL transform already drops `javascript:` links.
 */
import ReactMarkdown, { type Components } from 'react-markdown';
import { remarkAutolink } from './autolink';

const components: Components = {
  a: ({ node: _node, children, ...props }) => (
    <a {...props} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
  // Images from a card would load third-party content on every view: shown as links instead.
  img: ({ src, alt }) => (
    <a href={typeof src === 'string' ? src : undefined} target="_blank" rel="noopener noreferrer nofollow">
      {alt || (typeof src === 'string' ? src : '')}
    </a>
  ),
  // The drawer's own headings are h2/h3; the text's headings sit below them.
  h1: ({ node: _node, ...props }) => <h4 {...props} />,
  h2: ({ node: _node, ...props }) => <h4 {...props} />,
  h3: ({ node: _node, ...props }) => <h5 {...props} />,
};

const plugins = [remarkAutolink];

export function Markdown({ text, className = 'markdown' }: { text: string; className?: string }) {
  return (
    <div className={className}>
      <ReactMarkdown components={components} remarkPlugins={plugins}>{text}</ReactMarkdown>
    </div>
  );
}
