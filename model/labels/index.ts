// Labels and selectors: the package's whole public surface.
// upstream: k8s.io/apimachinery/pkg/labels, pkg/selection, pkg/apis/meta/v1 (helpers, validation)
export { SelectorError, type FieldPath } from './errors.js';
export {
  selection, newRequirement, requirementErrors, requirementToString, parseInt64,
  type Operator, type Requirement,
} from './requirement.js';
export {
  everything, nothing, matchesNothing, selectorFromRequirements, selectorFromSet, validatedSelectorFromSet,
  type Selector,
} from './selector.js';
export { parseSelector, parseToRequirements } from './parser.js';
export {
  selectorFromLabelSelector, formatLabelSelector, validateLabelSelector, validateLabelSelectorRequirement,
  validateLabelName, validateLabels,
  type LabelSelector, type LabelSelectorRequirement, type LabelSelectorValidationOptions,
} from './label-selector.js';
export { LabelIndex } from './label-index.js';
