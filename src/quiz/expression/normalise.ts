/**
 * What a learner types, rewritten into the ASCII the expression parser reads, with the position
 * of every output character in the original text (so a parse error points at what was typed,
 * not at our rewrite).
 *
 * Accepted spellings: `**` and `^` for powers, `·` `×` `⋅` `∗` for products, `÷` for division,
 * Unicode minus and dashes, `√x` and `√(…)`, Greek letters (`η` is the same name as `eta`),
 * superscript and subscript digits (`x²`, `η₀`), subscripts in braces (`η_{0}`), square brackets
 * and braces as parentheses, `⌊t/k⌋` as floor(t/k). Implicit products (`2x`, `2 a x`, `ηt`) are left to the parser and to the
 * name resolution in parse.ts, which knows the declared variables.
 */

export interface Normalised {
  /** The rewritten text. */
  text: string;
  /** `origin[i]` is the index in the typed text of the character that produced `text[i]`. */
  origin: number[];
}

/** Greek letters by the name the parser and KaTeX know them by. */
export const greekNames: Readonly<Record<string, string>> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ϵ: 'epsilon', ζ: 'zeta', η: 'eta',
  θ: 'theta', ϑ: 'theta', ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu', ν: 'nu', ξ: 'xi', π: 'pi',
  ρ: 'rho', σ: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi', ϕ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega',
  Γ: 'Gamma', Δ: 'Delta', Θ: 'Theta', Λ: 'Lambda', Ξ: 'Xi', Π: 'Pi', Σ: 'Sigma', Φ: 'Phi',
  Ψ: 'Psi', Ω: 'Omega',
};

const replacements: Readonly<Record<string, string>> = {
  '·': '*', '⋅': '*', '×': '*', '∗': '*', '•': '*',
  '÷': '/', '∕': '/',
  '−': '-', '–': '-', '—': '-', '‐': '-', '﹣': '-', '－': '-',
  '[': '(', ']': ')', '{': '(', '}': ')',
  '⌊': 'floor(', '⌋': ')', '⌈': 'ceil(', '⌉': ')',
};

const superscripts: Readonly<Record<string, string>> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9',
  '⁻': '-', '⁺': '+',
};

const subscripts: Readonly<Record<string, string>> = {
  '₀': '0', '₁': '1', '₂': '2', '₃': '3', '₄': '4', '₅': '5', '₆': '6', '₇': '7', '₈': '8', '₉': '9',
};

export function normaliseInput(typed: string): Normalised {
  const out: string[] = [];
  const origin: number[] = [];
  const emit = (text: string, at: number) => {
    for (const ch of text) {
      out.push(ch);
      origin.push(at);
    }
  };
  const chars = [...typed];
  // Index of each code point in the typed string (positions count characters, not UTF-16 units).
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const next = chars[i + 1];
    if (ch === '*' && next === '*') {
      emit('^', i);
      i++;
    } else if (ch in superscripts) {
      let run = '';
      const start = i;
      while (i < chars.length && chars[i]! in superscripts) run += superscripts[chars[i++]!];
      i--;
      emit(run.length === 1 ? `^${run}` : `^(${run})`, start);
    } else if (ch in subscripts) {
      let run = '';
      const start = i;
      while (i < chars.length && chars[i]! in subscripts) run += subscripts[chars[i++]!];
      i--;
      emit(`_${run}`, start);
      if (/[\p{L}]/u.test(chars[i + 1] ?? '')) emit(' ', i);
    } else if (ch === '_' && next === '{') {
      // η_{0} → η_0, when the braces hold a plain name or number.
      const close = chars.indexOf('}', i + 2);
      const inner = close > 0 ? chars.slice(i + 2, close).join('') : '';
      if (/^[A-Za-z0-9]+$/.test(inner)) {
        emit('_', i);
        [...inner].forEach((c, k) => emit(c, i + 2 + k));
        i = close;
        // η_{0}e is η₀·e, not a name "eta_0e".
        if (/[\p{L}]/u.test(chars[i + 1] ?? '')) emit(' ', i);
      } else {
        emit(ch, i);
      }
    } else if (ch === '√' || ch === '∛') {
      const fn = ch === '√' ? 'sqrt' : 'cbrt';
      if (next === '(' || next === undefined || next === ' ') {
        emit(fn, i);
      } else {
        // √x, √2, √η: the root of the name or number that follows.
        let j = i + 1;
        while (j < chars.length && /[\p{L}\p{N}._]/u.test(chars[j]!)) j++;
        emit(`${fn}(`, i);
        for (let k = i + 1; k < j; k++) emit(greekNames[chars[k]!] ?? chars[k]!, k);
        emit(')', j - 1);
        i = j - 1;
      }
    } else if (ch in greekNames) {
      // A Greek letter is a name of its own: aη is a·η and ηt is η·t, not names "aeta" or "etat".
      const previous = out[out.length - 1];
      if (previous !== undefined && /[A-Za-z0-9]/.test(previous)) emit(' ', i);
      emit(greekNames[ch]!, i);
      if (next !== undefined && /[\p{L}]/u.test(next)) emit(' ', i);
    } else if (ch in replacements) {
      emit(replacements[ch]!, i);
    } else {
      emit(ch.normalize('NFKC'), i);
    }
  }
  return { text: out.join(''), origin };
}

/** 1-based position, in the typed text, of the character at `index` of the normalised text. */
export function typedPosition(normalised: Normalised, index: number): number {
  if (normalised.origin.length === 0) return 1;
  const clamped = Math.min(Math.max(index, 0), normalised.origin.length - 1);
  return normalised.origin[clamped]! + 1 + (index >= normalised.origin.length ? 1 : 0);
}
