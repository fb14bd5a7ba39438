import type { Page } from 'playwright-core';

/** A phone as the benchmark and the phone tests use it: 390 × 844 CSS px, DPR 3, touch. */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true } as const;

/** What a learner's phone shows of a page's charts and layout. */
export interface PhoneLayout {
  /** Chart pictures measured (one form each). */
  readonly pictures: number;
  /** Smallest chart text as drawn, in CSS px (font size times the picture's scale), over the charts on show. */
  readonly smallestChartText: number;
  /** The chart (data-chart) where that text is. */
  readonly smallestIn: string;
  /** Chart texts that run past their picture's edge, where the picture cuts them off ("chart: text"). */
  readonly clippedText: readonly string[];
  /** How far the page is wider than the screen, in CSS px (0: no sideways scrolling). */
  readonly overflow: number;
  /** Elements whose right edge lies past the screen's, outside a scrolling box (selector-ish names). */
  readonly outside: readonly string[];
}

/**
 * Measures the page as laid out now. Build-time SVGs: each `<text>`'s font size times the SVG's
 * drawn/natural width (for one drawn from a file with `<use>`, the text's `font-size` in that file). A live canvas: the theme's smallest size (11 px) times its drawn/natural width.
 */
export function phoneLayout(page: Page): Promise<PhoneLayout> {
  return page.evaluate(() => {
    // Blocks below the fold are skipped until near (content-visibility: auto) and report placeholder
    // boxes: lay the whole page out, as scrolling through it would.
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (getComputedStyle(el).contentVisibility === 'auto') el.style.contentVisibility = 'visible';
    }
    const clippedText: string[] = [];
    /** Texts of a drawing (laid out at its natural size, one unit a pixel) that reach past its edges. */
    const noteClipped = (drawing: SVGSVGElement, chart: Element) => {
      const box = drawing.getBoundingClientRect();
      for (const text of drawing.querySelectorAll('text')) {
        const r = text.getBoundingClientRect();
        if (r.width > 0 && (r.right > box.right + 0.5 || r.left < box.left - 0.5)) {
          clippedText.push(`${chart.closest('[data-chart]')?.getAttribute('data-chart') ?? '?'}: ${text.textContent}`);
        }
      }
    };
    let smallest = Infinity;
    let pictures = 0;
    let smallestIn = '';
    const note = (size: number, el: Element) => {
      if (size < smallest) {
        smallest = size;
        smallestIn = el.closest('[data-chart]')?.getAttribute('data-chart') ?? (el.closest('.quiz-curve') ? 'quiz curve' : '?');
      }
    };
    for (const svg of document.querySelectorAll<SVGSVGElement>('svg.chart-svg')) {
      const box = svg.getBoundingClientRect();
      if (box.width === 0 || getComputedStyle(svg).visibility === 'hidden') continue;
      pictures++;
      const scale = box.width / svg.width.baseVal.value;
      for (const text of svg.querySelectorAll('text')) note(parseFloat(getComputedStyle(text).fontSize) * scale, svg);
      if (svg.querySelector('text')) noteClipped(svg, svg);
      // Drawn from a file by <use> (src/charts/external.ts): its text is in that file, sized by attributes.
      const href = svg.querySelector('use')?.getAttribute('href');
      if (href) {
        const request = new XMLHttpRequest();
        request.open('GET', href.replace(/#.*$/, ''), false);
        request.send();
        const file = new DOMParser().parseFromString(request.responseText, 'image/svg+xml');
        const texts = file.querySelectorAll('text');
        if (texts.length === 0) note(0, svg);
        for (const text of texts) {
          const sized = text.closest('[font-size]');
          note(sized ? parseFloat(sized.getAttribute('font-size')!) * scale : 16 * scale, svg);
        }
        // The file's drawing laid out at its natural size, off screen, for the extent of its texts in the page's fonts.
        const probe = document.importNode(file.documentElement, true) as unknown as SVGSVGElement;
        probe.setAttribute('width', String(svg.width.baseVal.value));
        probe.setAttribute('height', String(svg.height.baseVal.value));
        probe.style.cssText = 'position:absolute;left:0;top:0;visibility:hidden';
        document.body.append(probe);
        noteClipped(probe, svg);
        probe.remove();
      }
    }
    for (const canvas of document.querySelectorAll<HTMLCanvasElement>('.chart-live-view canvas')) {
      const box = canvas.getBoundingClientRect();
      const natural = parseFloat(canvas.style.width);
      if (box.width > 0 && natural > 0) note(11 * (box.width / natural), canvas);
    }
    const width = document.documentElement.clientWidth;
    const outside: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const r = el.getBoundingClientRect();
      // KaTeX's MathML copy is for assistive technology, in a 1 px box that hides it.
      if (r.width === 0 || r.right <= width + 0.5 || el.closest('.katex-mathml')) continue;
      // Inside a box that scrolls sideways (a wide table, a code block) or clips: not the page's overflow.
      let p: HTMLElement | null = el.parentElement;
      let contained = false;
      while (p && p !== document.body) {
        const style = getComputedStyle(p);
        // Clipped to nothing (KaTeX's MathML copy, visually hidden text): not on screen at all.
        if (style.clip !== 'auto' && style.position === 'absolute') {
          contained = true;
          break;
        }
        const o = style.overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') {
          if (p.getBoundingClientRect().right <= width + 0.5) contained = true;
          break;
        }
        p = p.parentElement;
      }
      if (!contained && getComputedStyle(el).position !== 'fixed') {
        outside.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`);
      }
    }
    return {
      pictures,
      smallestChartText: smallest,
      smallestIn,
      clippedText,
      overflow: document.documentElement.scrollWidth - width,
      outside: outside.slice(0, 10),
    };
  });
}
