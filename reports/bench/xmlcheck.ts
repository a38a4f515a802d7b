// A cheap well-formedness check for the SVG this package writes (tests use
// it): opening and closing tags balance and nothing is left open. Not an
// XML parser; enough to catch a chart that a browser would refuse.
export function balancedTags(xml: string): boolean {
  const stack: string[] = [];
  for (const m of xml.matchAll(/<(\/?)([A-Za-z][\w:-]*)[^>]*?(\/?)>/g)) {
    const [, close, name, self] = m;
    if (self) continue;
    if (!close) stack.push(name!);
    else if (stack.pop() !== name) return false;
  }
  return stack.length === 0 && /^<svg[\s>]/.test(xml.trimStart());
}
