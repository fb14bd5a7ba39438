/**
 * Steps a live chart's rate slider across its range in the page, as the phone benches do: every 17th position
 * (mod its length), each input waiting for the chart's `chartupdate`, the first five left out as warm-up. Passed
 * whole to `page.evaluate`, so it uses nothing from outside itself.
 *
 * @returns Each counted step's time from the input event to the finished redraw (the event's `ms`).
 */
export async function stepRateSlider({ selector, steps, frameBetween }: { selector: string; steps: number; frameBetween: boolean }): Promise<number[]> {
  const root = document.querySelector(selector) as HTMLElement;
  const slider = root.querySelector('input[name="rate"]') as HTMLInputElement;
  const out: number[] = [];
  let index = 0;
  for (let i = 0; i < steps + 5; i++) {
    index = (index + 17) % (Number(slider.max) + 1);
    // A frame, then a task of its own, as a drag gives one input per frame (without: inputs back to back).
    if (frameBetween) await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const done = new Promise<number>((resolve) => root.addEventListener('chartupdate', (e) => resolve((e as CustomEvent<{ ms: number }>).detail.ms), { once: true }));
    slider.value = String(index);
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    const ms = await done;
    if (i >= 5) out.push(ms);
  }
  if (frameBetween) await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return out;
}
