// Our course format around the peers' generated lessons (../shared/bench-peers/gen-content.mjs): front matter, three
// precomputed charts, a ten-question quiz and a live chart on every tenth lesson. Used by bench/build-scale.mjs and by
// the build tests that need a generated course (test/build/incremental-build.test.ts).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const difficulties = ['starter', 'intermediate', 'advanced'];
const charts = ['x2-loss-curves', 'x2-paths', 'house-sweep', 'schedules', 'range-test', 'x2-descent-path'];
export const lessonId = (i) => `1.${Math.ceil(i / 20)}.${i}`;

function quizFor(id) {
  return `attempts: 3
questions:
  - id: tf-rate
    type: true-false
    objectives: [explain-rate]
    prompt: In lesson ${id}, a larger learning rate always converges faster.
    answer: false
    explanation: Above $2/\\lambda_{\\max}$ gradient descent diverges.
  - id: single-limit
    type: single
    objectives: [bound-error]
    prompt: For $f(x) = x^2$, which rate is the stability limit?
    choices:
      - { id: half, text: "$0.5$" }
      - { id: one, text: "$1.0$" }
      - { id: two, text: "$2.0$" }
    answer: one
    explanation: $f'' = 2$, so the limit is $2/2 = 1$.
  - id: multi-signs
    type: multiple
    objectives: [diagnose-divergence]
    prompt: Which signs show divergence?
    choices:
      - { id: grows, text: The loss grows every step }
      - { id: nan, text: The loss becomes NaN }
      - { id: flat, text: The loss flattens out }
    answers: [grows, nan]
    explanation: A flattening loss is convergence.
  - id: num-step
    type: numeric
    objectives: [explain-rate]
    prompt: From $x_0 = 10$ with $\\eta = 0.1$ on $x^2$, what is $x_1$?
    answer: 8
    tolerance: 0.001
    explanation: $10 - 0.1 \\times 20 = 8$.
  - id: num-two
    type: numeric
    objectives: [explain-rate]
    prompt: And $x_2$?
    answer: 6.4
    tolerance: 0.001
    explanation: $8 \\times 0.8 = 6.4$.
  - id: text-name
    type: text
    objectives: [bound-error]
    prompt: What is the ratio $\\lambda_{\\max}/\\lambda_{\\min}$ called?
    answers: [condition number]
    explanation: The condition number.
  - id: order-steps
    type: ordering
    objectives: [explain-rate]
    prompt: Order one iteration.
    items:
      - { id: grad, text: Compute the gradient }
      - { id: scale, text: Scale it by the rate }
      - { id: step, text: Subtract it }
    explanation: Gradient, scale, subtract.
  - id: tf-schedule
    type: true-false
    objectives: [diagnose-divergence]
    prompt: A step-decay schedule lowers the rate over time.
    answer: true
    explanation: $\\eta_t = \\eta_0 \\gamma^{\\lfloor t/k \\rfloor}$.
  - id: single-zigzag
    type: single
    objectives: [diagnose-divergence]
    prompt: On $x^2$, $\\eta = 0.9$ gives
    choices:
      - { id: mono, text: monotone convergence }
      - { id: zig, text: zig-zag convergence }
      - { id: div, text: divergence }
    answer: zig
    explanation: $|1 - 1.8| = 0.8 < 1$ with a sign flip.
  - id: open-why
    type: open
    objectives: [bound-error]
    prompt: Why does curvature limit the rate?
    modelAnswer: The steepest direction overshoots first; the rate must stay below $2/\\lambda_{\\max}$.
`;
}

function wrapLesson(body, i, n) {
  const id = lessonId(i);
  const title = /title: "([^"]*)"/.exec(body)?.[1] ?? `Lesson ${i}`;
  const summary = /description: "([^"]*)"/.exec(body)?.[1] ?? 'A generated lesson.';
  let text = body.replace(/^---[\s\S]*?---\n/, '');
  text = text.replace(/\/module-(\d+)\/lesson-(\d+)\//g, (_, m, l) => `/bench/${lessonId(Number(l))}/`);
  const figures = [0, 1, 2]
    .map((k) => {
      const name = charts[(i + k) % charts.length];
      return `<Figure id="fig-${k + 1}" caption="Chart ${k + 1} of lesson ${i}.">\n  <Chart name="${name}" />\n</Figure>`;
    })
    .join('\n\n');
  const live = i % 10 === 0 ? `\n\n<Figure id="fig-live" caption="Try the rate yourself.">\n  <LiveChart name="x2-explorer" />\n</Figure>\n` : '';
  const front = [
    '---',
    `id: "${id}"`,
    `title: "${title.replace(/"/g, '\\"')}"`,
    `summary: "${summary.replace(/"/g, '\\"')}"`,
    'topic: Optimisation',
    `difficulty: ${difficulties[i % 3]}`,
    'estimatedTime: 45 min',
    `prerequisites: [${i > 1 ? `"${lessonId(i - 1)}"` : ''}]`,
    'objectives:',
    '  - { id: explain-rate, text: Explain the effect of the learning rate. }',
    '  - { id: bound-error, text: Bound the error using the curvature. }',
    '  - { id: diagnose-divergence, text: Diagnose divergence from a loss curve. }',
    ...(i < n ? [`next: "${lessonId(i + 1)}"`] : []),
    'homework:',
    '  items:',
    '    - { id: exercises, text: Do the exercises. }',
    '    - { id: sweep, text: Run a sweep. }',
    '---',
    '',
  ].join('\n');
  return `${front}${text}\n\n## Charts\n\n${figures}${live}\n`;
}

export function generateOurs(dir, n, { work, toolsDir }) {
  const gen = join(work, `gen-${n}`);
  execFileSync(process.execPath, [join(toolsDir, 'gen-content.mjs'), gen, '--n', String(n), '--links', 'dir', '--clean'], { stdio: 'ignore' });
  const content = join(dir, 'content');
  rmSync(content, { recursive: true, force: true });
  const course = join(content, 'bench');
  const modules = readdirSync(gen).filter((m) => m.startsWith('module-')).sort();
  mkdirSync(course, { recursive: true });
  writeFileSync(
    join(course, 'course.yaml'),
    `title: Bench course\nsummary: ${n} generated lessons for the build benchmark.\nmodules:\n${modules
      .map((m) => `  - id: "1.${Number(m.slice(7))}"\n    title: Module ${Number(m.slice(7))}\n    folder: ${m}`)
      .join('\n')}\n`,
  );
  for (const m of modules) {
    mkdirSync(join(course, m));
    cpSync(join(gen, m, 'chart.svg'), join(course, m, 'chart.svg'));
    for (const file of readdirSync(join(gen, m)).filter((f) => f.endsWith('.md'))) {
      const i = Number(/lesson-(\d+)/.exec(file)[1]);
      const base = `${lessonId(i)}-lesson-${String(i).padStart(3, '0')}`;
      writeFileSync(join(course, m, `${base}.mdx`), wrapLesson(readFileSync(join(gen, m, file), 'utf8'), i, n));
      writeFileSync(join(course, m, `${base}.quiz.yaml`), quizFor(lessonId(i)));
    }
  }
}

