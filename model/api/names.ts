// Name and label syntax checks, each returning upstream's messages (empty when valid).
// upstream: k8s.io/apimachinery/pkg/util/validation/validation.go

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';

const dns1123LabelRe = new RegExp(`^${DNS1123_LABEL}$`);
const dns1123SubdomainRe = new RegExp(`^${DNS1123_SUBDOMAIN}$`);
const dns1035LabelRe = new RegExp(`^${DNS1035_LABEL}$`);
const qualifiedNameRe = new RegExp(`^${QUALIFIED_NAME}$`);

export const DNS1123_LABEL_MAX = 63;
export const DNS1123_SUBDOMAIN_MAX = 253;
export const QUALIFIED_NAME_MAX = 63;
export const LABEL_VALUE_MAX = 63;

const maxLenMsg = (n: number) => `must be no more than ${n} characters`;
// upstream RegexError, spacing and all: each example is followed by ", " and
// joined with " or ", which gives the famous "'MyName',  or 'my.name'".
function regexMsg(msg: string, re: string, examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${re}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${re}')`;
}
const regexMsg3 = regexMsg;

// Each check takes a missing or null string as Go's zero value, "": what
// decoding leaves in a field whose key is absent or null.
export function isDNS1123Label(given: string | null | undefined): string[] {
  const value = given ?? '';
  const errs: string[] = [];
  if (value.length > DNS1123_LABEL_MAX) errs.push(maxLenMsg(DNS1123_LABEL_MAX));
  if (!dns1123LabelRe.test(value)) {
    errs.push(regexMsg("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", DNS1123_LABEL, ['my-name', '123-abc']));
  }
  return errs;
}

export function isDNS1123Subdomain(given: string | null | undefined): string[] {
  const value = given ?? '';
  const errs: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX) errs.push(maxLenMsg(DNS1123_SUBDOMAIN_MAX));
  if (!dns1123SubdomainRe.test(value)) {
    errs.push(regexMsg("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN, ['example.com']));
  }
  return errs;
}

export function isDNS1035Label(given: string | null | undefined): string[] {
  const value = given ?? '';
  const errs: string[] = [];
  if (value.length > DNS1123_LABEL_MAX) errs.push(maxLenMsg(DNS1123_LABEL_MAX));
  if (!dns1035LabelRe.test(value)) {
    errs.push(regexMsg("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", DNS1035_LABEL, ['my-name', 'abc-123']));
  }
  return errs;
}

/** Label and annotation keys: optional DNS-subdomain prefix, `/`, name part. */
export function isQualifiedName(given: string | null | undefined): string[] {
  const value = given ?? '';
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0]!;
  } else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else for (const m of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${m}`);
  } else {
    return [regexMsg3("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", QUALIFIED_NAME, ['MyName', 'my.name', '123-abc']) +
      " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > QUALIFIED_NAME_MAX) errs.push(`name part ${maxLenMsg(QUALIFIED_NAME_MAX)}`);
  if (!qualifiedNameRe.test(name)) {
    errs.push(`name part ${regexMsg3("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", QUALIFIED_NAME, ['MyName', 'my.name', '123-abc'])}`);
  }
  return errs;
}

export function isValidLabelValue(given: string | null | undefined): string[] {
  const value = given ?? '';
  const errs: string[] = [];
  if (value.length > LABEL_VALUE_MAX) errs.push(maxLenMsg(LABEL_VALUE_MAX));
  if (value.length > 0 && !qualifiedNameRe.test(value)) {
    errs.push(regexMsg3("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", QUALIFIED_NAME, ['MyValue', 'my_value', '12345']));
  }
  return errs;
}
