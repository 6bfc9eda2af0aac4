// A small evaluator for the part of CEL that form conditions and formulas use, so the phone can show
// and hide fields and compute formulas while the user types. The server evaluates the real CEL and
// stays the authority: anything this evaluator does not understand throws, and callers fall back to
// what the server does (a broken condition shows the field).

export class ExpressionError extends Error {}

type Token =
  | { kind: "number"; value: number }
  | { kind: "string"; value: string }
  | { kind: "name"; value: string }
  | { kind: "op"; value: string };

type Node =
  | { kind: "literal"; value: unknown }
  | { kind: "name"; name: string }
  | { kind: "unary"; op: string; operand: Node }
  | { kind: "binary"; op: string; left: Node; right: Node }
  | { kind: "ternary"; test: Node; then: Node; otherwise: Node }
  | { kind: "member"; object: Node; name: string }
  | { kind: "index"; object: Node; index: Node }
  | { kind: "call"; name: string; target: Node | null; args: Node[] }
  | { kind: "list"; items: Node[] };

const OPERATORS = ["||", "&&", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "!", "?", ":", "(", ")", "[", "]", ".", ","];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(source[i + 1] ?? ""))) {
      const match = /^(\d+\.?\d*(e[+-]?\d+)?|\.\d+)[uU]?/.exec(source.slice(i))!;
      tokens.push({ kind: "number", value: Number(match[0].replace(/[uU]$/, "")) });
      i += match[0].length;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let text = "";
      while (j < source.length && source[j] !== c) {
        if (source[j] === "\\") j++;
        text += source.charAt(j);
        j++;
      }
      if (j >= source.length) throw new ExpressionError("unterminated string");
      tokens.push({ kind: "string", value: text });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))!;
      tokens.push({ kind: "name", value: match[0] });
      i += match[0].length;
    } else {
      const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
      if (!op) throw new ExpressionError(`unexpected ${c}`);
      tokens.push({ kind: "op", value: op });
      i += op.length;
    }
  }
  return tokens;
}

const BINARY: Record<string, number> = {
  "||": 1,
  "&&": 2,
  "==": 3,
  "!=": 3,
  "<": 3,
  "<=": 3,
  ">": 3,
  ">=": 3,
  in: 3,
  "+": 4,
  "-": 4,
  "*": 5,
  "/": 5,
  "%": 5,
};

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.ternary();
    if (this.at < this.tokens.length) throw new ExpressionError("unexpected text at the end");
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private isOp(value: string): boolean {
    const token = this.peek();
    return token !== undefined && (token.kind === "op" || token.kind === "name") && token.value === value;
  }

  private expect(value: string): void {
    if (!this.isOp(value)) throw new ExpressionError(`expected ${value}`);
    this.at++;
  }

  private ternary(): Node {
    const test = this.binary(1);
    if (!this.isOp("?")) return test;
    this.at++;
    const then = this.ternary();
    this.expect(":");
    return { kind: "ternary", test, then, otherwise: this.ternary() };
  }

  private binary(minimum: number): Node {
    let left = this.unary();
    for (;;) {
      const token = this.peek();
      if (!token || (token.kind !== "op" && token.kind !== "name")) return left;
      const precedence = BINARY[token.value];
      if (precedence === undefined || precedence < minimum) return left;
      this.at++;
      left = { kind: "binary", op: token.value, left, right: this.binary(precedence + 1) };
    }
  }

  private unary(): Node {
    if (this.isOp("!") || this.isOp("-")) {
      const op = this.isOp("!") ? "!" : "-";
      this.at++;
      return { kind: "unary", op, operand: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private arguments(): Node[] {
    const args: Node[] = [];
    this.expect("(");
    while (!this.isOp(")")) {
      args.push(this.ternary());
      if (!this.isOp(")")) this.expect(",");
    }
    this.expect(")");
    return args;
  }

  private postfix(node: Node): Node {
    for (;;) {
      if (this.isOp(".")) {
        this.at++;
        const name = this.peek();
        if (name?.kind !== "name") throw new ExpressionError("expected a name after .");
        this.at++;
        node = this.isOp("(")
          ? { kind: "call", name: name.value, target: node, args: this.arguments() }
          : { kind: "member", object: node, name: name.value };
      } else if (this.isOp("[")) {
        this.at++;
        const index = this.ternary();
        this.expect("]");
        node = { kind: "index", object: node, index };
      } else {
        return node;
      }
    }
  }

  private primary(): Node {
    const token = this.tokens[this.at++];
    if (!token) throw new ExpressionError("unexpected end");
    if (token.kind === "number" || token.kind === "string") return { kind: "literal", value: token.value };
    if (token.kind === "name") {
      if (token.value === "true" || token.value === "false") return { kind: "literal", value: token.value === "true" };
      if (token.value === "null") return { kind: "literal", value: null };
      if (this.isOp("(")) return { kind: "call", name: token.value, target: null, args: this.arguments() };
      return { kind: "name", name: token.value };
    }
    if (token.value === "(") {
      const inner = this.ternary();
      this.expect(")");
      return inner;
    }
    if (token.value === "[") {
      const items: Node[] = [];
      while (!this.isOp("]")) {
        items.push(this.ternary());
        if (!this.isOp("]")) this.expect(",");
      }
      this.expect("]");
      return { kind: "list", items };
    }
    throw new ExpressionError(`unexpected ${token.value}`);
  }
}

const cache = new Map<string, Node>();

export function parseExpression(source: string): Node {
  let node = cache.get(source);
  if (!node) {
    node = new Parser(tokenize(source)).parse();
    cache.set(source, node);
  }
  return node;
}

type Scope = Record<string, unknown>;

function number(value: unknown): number {
  if (typeof value !== "number") throw new ExpressionError("a number is expected");
  return value;
}

function equal(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => equal(item, b[i]));
  return a === b;
}

function size(value: unknown): number {
  if (typeof value === "string" || Array.isArray(value)) return value.length;
  if (value && typeof value === "object") return Object.keys(value).length;
  throw new ExpressionError("size() of what?");
}

const MACROS = new Set(["map", "filter", "exists", "all"]);

function evaluateNode(node: Node, scope: Scope): unknown {
  switch (node.kind) {
    case "literal":
      return node.value;
    case "name":
      if (!(node.name in scope)) throw new ExpressionError(`unknown name ${node.name}`);
      return scope[node.name];
    case "list":
      return node.items.map((item) => evaluateNode(item, scope));
    case "unary": {
      const value = evaluateNode(node.operand, scope);
      if (node.op === "!") {
        if (typeof value !== "boolean") throw new ExpressionError("! needs true or false");
        return !value;
      }
      return -number(value);
    }
    case "ternary": {
      const test = evaluateNode(node.test, scope);
      if (typeof test !== "boolean") throw new ExpressionError("a condition is true or false");
      return evaluateNode(test ? node.then : node.otherwise, scope);
    }
    case "member": {
      const object = evaluateNode(node.object, scope);
      if (!object || typeof object !== "object" || !(node.name in object)) {
        throw new ExpressionError(`no field ${node.name}`);
      }
      return (object as Scope)[node.name];
    }
    case "index": {
      const object = evaluateNode(node.object, scope);
      const index = evaluateNode(node.index, scope);
      if (Array.isArray(object) && typeof index === "number" && index >= 0 && index < object.length) {
        return object[index] as unknown;
      }
      if (object && typeof object === "object" && typeof index === "string" && index in object) {
        return (object as Scope)[index];
      }
      throw new ExpressionError("no such index");
    }
    case "binary":
      return binary(node, scope);
    case "call":
      return call(node, scope);
  }
}

function binary(node: Extract<Node, { kind: "binary" }>, scope: Scope): unknown {
  if (node.op === "&&" || node.op === "||") {
    const left = evaluateNode(node.left, scope);
    if (typeof left !== "boolean") throw new ExpressionError(`${node.op} needs true or false`);
    if (node.op === "&&" ? !left : left) return left;
    const right = evaluateNode(node.right, scope);
    if (typeof right !== "boolean") throw new ExpressionError(`${node.op} needs true or false`);
    return right;
  }
  const left = evaluateNode(node.left, scope);
  const right = evaluateNode(node.right, scope);
  switch (node.op) {
    case "==":
      return equal(left, right);
    case "!=":
      return !equal(left, right);
    case "in":
      if (Array.isArray(right)) return right.some((item) => equal(item, left));
      if (right && typeof right === "object") return typeof left === "string" && left in right;
      throw new ExpressionError("in needs a list");
    case "+":
      if (typeof left === "string" && typeof right === "string") return left + right;
      if (Array.isArray(left) && Array.isArray(right)) return [...left, ...right];
      return number(left) + number(right);
    case "-":
      return number(left) - number(right);
    case "*":
      return number(left) * number(right);
    case "/":
      if (number(right) === 0) throw new ExpressionError("division by zero");
      return number(left) / number(right);
    case "%":
      return number(left) % number(right);
  }
  if (typeof left === "string" && typeof right === "string") {
    return { "<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right }[node.op];
  }
  const [a, b] = [number(left), number(right)];
  return { "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b }[node.op];
}

function call(node: Extract<Node, { kind: "call" }>, scope: Scope): unknown {
  if (node.target && MACROS.has(node.name)) {
    const list = evaluateNode(node.target, scope);
    const [variable, body] = node.args;
    if (!Array.isArray(list) || node.args.length !== 2 || variable?.kind !== "name" || !body) {
      throw new ExpressionError(`${node.name}() needs a list, a name and an expression`);
    }
    const each = (item: unknown) => evaluateNode(body, { ...scope, [variable.name]: item });
    if (node.name === "map") return list.map(each);
    if (node.name === "filter") return list.filter((item) => each(item) === true);
    if (node.name === "exists") return list.some((item) => each(item) === true);
    return list.every((item) => each(item) === true);
  }
  const args = node.args.map((arg) => evaluateNode(arg, scope));
  const all = node.target ? [evaluateNode(node.target, scope), ...args] : args;
  switch (node.name) {
    case "size":
      return size(all[0]);
    case "sum":
      if (!Array.isArray(all[0])) throw new ExpressionError("sum() needs a list");
      return all[0].reduce((total: number, item) => total + Number(item), 0);
    case "double":
      return Number(all[0]);
    case "int":
      return Math.trunc(Number(all[0]));
    case "string":
      return String(all[0]);
    case "contains":
      return String(all[0]).includes(String(all[1]));
    case "startsWith":
      return String(all[0]).startsWith(String(all[1]));
    case "endsWith":
      return String(all[0]).endsWith(String(all[1]));
  }
  throw new ExpressionError(`unknown function ${node.name}`);
}

/** Evaluates `source` with `variables` in scope; throws ExpressionError when it cannot. */
export function evaluate(source: string, variables: Scope): unknown {
  return evaluateNode(parseExpression(source), variables);
}

/** A condition: true or false, or an ExpressionError. */
export function truthy(source: string, variables: Scope): boolean {
  const result = evaluate(source, variables);
  if (typeof result !== "boolean") throw new ExpressionError("a condition is true or false");
  return result;
}
