/**
 * 1.2.38's Python challenge as the browser tests and the Python benchmark answer it: the question, a right
 * solution and the classic slip (the second run starts where the first one ended).
 */
export const pythonQuestionId = 'code-compare-rates-python';
export const pythonQuestion = `#quiz-1-2-38-${pythonQuestionId}`;
export const rightPython = `def compare_rates(x0, rate_a, rate_b, steps):
    a = abs(x0 * (1 - 2 * rate_a) ** steps)
    b = abs(x0 * (1 - 2 * rate_b) ** steps)
    return {"finalA": a, "finalB": b, "better": "A" if a <= b else "B"}
`;
export const wrongPython = `def compare_rates(x0, rate_a, rate_b, steps):
    x = x0
    for _ in range(steps):
        x = x - rate_a * 2 * x
    a = abs(x)
    for _ in range(steps):
        x = x - rate_b * 2 * x
    b = abs(x)
    return {"finalA": a, "finalB": b, "better": "A" if a <= b else "B"}
`;
