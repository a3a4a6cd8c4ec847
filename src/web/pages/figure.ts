// A chart on a page: inline SVG from our own renderer, with its text alternative (the numbers) as the
// accessible name and as a visible caption, so the content is there without the picture too.
import { html, raw, type SafeHtml } from '../html.js';

export interface Figure {
  /** What the chart is (data-chart attribute, for tests and styling). */
  kind: string;
  title: string;
  /** SVG markup produced by src/chart-render (trusted: it escapes its own text). */
  svg: string;
  /** The numbers, in words. */
  alt: string;
}

// The renderer's <style> blocks only hold hover effects, which need script to matter; dropping them
// keeps the page's CSP free of inline style elements.
const STYLE_ELEMENTS = /<style\b[^>]*>[\s\S]*?<\/style>/g;

export function figure(f: Figure): SafeHtml {
  return html`<figure class="chart" data-chart="${f.kind}" role="img" aria-label="${f.alt}">
${raw(f.svg.replace(STYLE_ELEMENTS, ''))}
<figcaption>${f.alt}</figcaption>
</figure>`;
}
