/**
 * <course-live-chart>: the small, always-loaded part of a live chart. It waits until the
 * chart is near the viewport, then loads the heavy part (Vega and the simulation) as a
 * separate chunk, so a reader who never scrolls to the chart never downloads it.
 */

/** The live charts this element knows, by catalog name; each loads its own chunk. */
const controllers: Record<string, () => Promise<{ start(root: HTMLElement): Promise<void> }>> = {
  'x2-explorer': () => import('./explorer'),
  'bowl-explorer': () => import('./bowl-explorer'),
  'bowl-momentum-explorer': () => import('./bowl-explorer'),
};

class LiveChartElement extends HTMLElement {
  #observer: IntersectionObserver | undefined;

  connectedCallback(): void {
    if (this.dataset.live !== 'idle') return;
    // Start a little before the chart scrolls in, so it is live by the time it is seen.
    this.#observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        this.#observer?.disconnect();
        void this.#goLive();
      }
    }, { rootMargin: '300px 0px' });
    this.#observer.observe(this);
  }

  disconnectedCallback(): void {
    this.#observer?.disconnect();
  }

  async #goLive(): Promise<void> {
    const load = controllers[this.dataset.chart ?? ''];
    if (!load) return;
    this.dataset.live = 'loading';
    try {
      const controller = await load();
      await controller.start(this);
      this.dataset.live = 'live';
    } catch (error) {
      // The build-time picture stays; say why the controls do not work.
      this.dataset.live = 'failed';
      const note = this.querySelector('[data-live-note]');
      if (note) note.textContent = 'The interactive version could not be loaded; the picture shows the default run.';
      throw error;
    }
  }
}

if (!customElements.get('course-live-chart')) customElements.define('course-live-chart', LiveChartElement);
