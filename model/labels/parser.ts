// The selector-string parser behind `kubectl -l` and `?labelSelector=`.
// Grammar, error texts and quirks follow upstream (for example "in ()" means
// the set {""}, and "found '%s' expected: '('" really has no colon).
// upstream: k8s.io/apimachinery/pkg/labels/selector.go (Parser, Parse)
import { SelectorError, aggregateText, type FieldPath } from './errors.js';
import { Tok, scan, type ScannedItem } from './lexer.js';
import {
  binaryOperators, labelKeyError, requirementErrors, sortByKey, unvalidatedRequirement, type Operator, type Requirement,
} from './requirement.js';
import { selectorFromRequirements, type Selector } from './selector.js';

/** A parse failure inside one requirement; parse() prefixes it with "unable to parse requirement: ". */
class RequirementError extends Error {
  constructor(message: string, readonly causes: SelectorError['causes'] = []) { super(message); }
}

/**
 * Recursive descent over the scanned items. Upstream's lookahead/consume take
 * a context (key-and-operator or values); here each item carries both tokens,
 * `tok` and `vtok`, so nothing is allocated per step.
 */
class Parser {
  private position = 0;
  private readonly last: number;
  constructor(private readonly items: ScannedItem[], private readonly path: FieldPath) {
    this.last = items.length - 1;
  }

  // Clamped to the final EndOfString item so a malformed input can never read past it.
  private peek(): ScannedItem { return this.items[Math.min(this.position, this.last)]!; }
  private next(): ScannedItem { return this.items[Math.min(this.position++, this.last)]!; }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { vtok, literal } = this.peek();
      if (vtok === Tok.EndOfString) return reqs;
      if (vtok !== Tok.Identifier && vtok !== Tok.DoesNotExist) {
        throw new SelectorError(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
      try {
        reqs.push(this.parseRequirement());
      } catch (e) {
        if (e instanceof RequirementError) throw new SelectorError(`unable to parse requirement: ${e.message}`, e.causes);
        throw e;
      }
      const after = this.next();
      if (after.vtok === Tok.EndOfString) return reqs;
      if (after.vtok !== Tok.Comma) throw new SelectorError(`found '${after.literal}', expected: ',' or 'end of string'`);
      const following = this.peek();
      if (following.vtok !== Tok.Identifier && following.vtok !== Tok.DoesNotExist) {
        throw new SelectorError(`found '${following.literal}', expected: identifier after ','`);
      }
    }
  }

  private parseRequirement(): Requirement {
    const key = this.parseKey();
    let operator: Operator;
    let values: string[] = [];
    if (key.inferred !== undefined) {
      operator = key.inferred;
    } else {
      operator = this.parseOperator();
      values = operator === 'in' || operator === 'notin' ? this.parseValues() : this.parseExactValue();
      // Upstream collects values in a string set, so they arrive sorted and de-duplicated.
      if (values.length > 1) values = [...new Set(values)].sort();
    }
    // The key was validated (against the parser's path) by parseKey already.
    const errs = requirementErrors(key.literal, operator, values, this.path, { keyChecked: true });
    if (errs.length) throw new RequirementError(aggregateText(errs), errs);
    return unvalidatedRequirement(key.literal, operator, values, true);
  }

  /** Reads `[!]key`; infers `exists` when the key stands alone, `!` whatever follows. */
  private parseKey(): { literal: string; inferred: Operator | undefined } {
    let inferred: Operator | undefined;
    let item = this.next();
    if (item.vtok === Tok.DoesNotExist) {
      inferred = '!';
      item = this.next();
    }
    if (item.vtok !== Tok.Identifier) throw new RequirementError(`found '${item.literal}', expected: identifier`);
    const keyErr = labelKeyError(item.literal, this.path);
    if (keyErr) throw new RequirementError(aggregateText([keyErr]), [keyErr]);
    const following = this.peek().vtok;
    if ((following === Tok.EndOfString || following === Tok.Comma) && inferred === undefined) inferred = 'exists';
    return { literal: item.literal, inferred };
  }

  private parseOperator(): Operator {
    const { tok, literal } = this.next();
    switch (tok) {
      case Tok.In: return 'in';
      case Tok.Equals: return '=';
      case Tok.DoubleEquals: return '==';
      case Tok.GreaterThan: return 'gt';
      case Tok.LessThan: return 'lt';
      case Tok.NotIn: return 'notin';
      case Tok.NotEquals: return '!=';
      default: throw new RequirementError(`found '${literal}', expected: ${binaryOperators.join(', ')}`);
    }
  }

  /** `( v1, v2, ... )`; empty entries mean the empty value, so `()` is {""}. */
  private parseValues(): string[] {
    const open = this.next();
    if (open.vtok !== Tok.OpenPar) throw new RequirementError(`found '${open.literal}' expected: '('`);
    const first = this.peek();
    if (first.vtok === Tok.ClosedPar) {
      this.next();
      return [''];
    }
    if (first.vtok !== Tok.Identifier && first.vtok !== Tok.Comma) {
      throw new RequirementError(`found '${first.literal}', expected: ',', ')' or identifier`);
    }
    const values = this.parseIdentifiersList();
    // parseIdentifiersList only returns at ')', so this always consumes it.
    this.next();
    return values;
  }

  private parseIdentifiersList(): string[] {
    const s = new Set<string>();
    for (;;) {
      const item = this.next();
      if (item.vtok === Tok.Identifier) {
        s.add(item.literal);
        const following = this.peek();
        if (following.vtok === Tok.Comma) continue;
        if (following.vtok === Tok.ClosedPar) return [...s];
        throw new RequirementError(`found '${following.literal}', expected: ',' or ')'`);
      } else if (item.vtok === Tok.Comma) {
        // "(," ",)" and ",," each stand for an empty value.
        if (s.size === 0) s.add('');
        const following = this.peek().vtok;
        if (following === Tok.ClosedPar) { s.add(''); return [...s]; }
        if (following === Tok.Comma) s.add('');
      } else {
        throw new RequirementError(`found '${item.literal}', expected: ',', or identifier`);
      }
    }
  }

  /** The single value after =, ==, !=, > or <; nothing before ',' or the end means "". */
  private parseExactValue(): string[] {
    const following = this.peek().vtok;
    if (following === Tok.EndOfString || following === Tok.Comma) return [''];
    const item = this.next();
    if (item.vtok === Tok.Identifier) return [item.literal];
    throw new RequirementError(`found '${item.literal}', expected: identifier`);
  }
}

/**
 * The requirements of a selector string, sorted by key. Throws SelectorError.
 * `path` plays upstream's field.WithPath option; without it key errors print `<nil>`.
 */
export function parseToRequirements(text: string, path: FieldPath = null): Requirement[] {
  return sortByKey(new Parser(scan(text), path).parse());
}

/** Parse a selector string (`app=web,tier in (fe,be),!canary`). The empty string selects everything. */
export function parseSelector(text: string, path: FieldPath = null): Selector {
  return selectorFromRequirements(parseToRequirements(text, path));
}
