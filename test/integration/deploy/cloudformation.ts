// Reads a packaged CloudFormation template the way CloudFormation would for one account: conditions, Fn::If, Ref, Sub.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Resource {
  Type: string;
  Condition?: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string[];
}

export interface Template {
  Conditions?: Record<string, unknown>;
  Resources: Record<string, Resource>;
}

export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: unknown;
  Condition?: unknown;
}

/** The account and region the template is resolved for. */
export const fakeAccount = { AccountId: '123456789012', Region: 'eu-west-1', Partition: 'aws' } as const;

export async function readTemplate(packageDir: string): Promise<Template> {
  return JSON.parse(await readFile(join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8'));
}

/** Evaluates every condition (they compare literal parameter values, so no stack parameters are needed). */
export function evaluateConditions(template: Template): Record<string, boolean> {
  const definitions = template.Conditions ?? {};
  const evaluate = (node: unknown): boolean => {
    const [fn, args] = Object.entries(node as Record<string, unknown>)[0] ?? [];
    if (fn === 'Condition') return evaluate(definitions[args as string]);
    const list = args as unknown[];
    if (fn === 'Fn::Equals') return list[0] === list[1];
    if (fn === 'Fn::Not') return !evaluate(list[0]);
    if (fn === 'Fn::And') return list.every(evaluate);
    if (fn === 'Fn::Or') return list.some(evaluate);
    throw new Error(`expected a condition function, found ${fn}`);
  };
  return Object.fromEntries(Object.keys(definitions).map((name) => [name, evaluate(definitions[name])]));
}

const noValue = Symbol('AWS::NoValue');

/**
 * Resolves intrinsics for one deployment: Fn::If by the evaluated conditions (AWS::NoValue entries dropped),
 * pseudo parameters and Fn::Sub to the fake account; other Refs and GetAtts become `ref:<Id>` / `arn:<Id>.<Attr>`.
 */
export function resolve(value: unknown, conditions: Record<string, boolean>): unknown {
  const result = resolveNode(value, conditions);
  return result === noValue ? undefined : result;
}

function resolveNode(value: unknown, conditions: Record<string, boolean>): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => resolveNode(item, conditions)).filter((item) => item !== noValue);
  }
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [key, arg] = entries[0] ?? [];
  if (entries.length === 1 && key !== undefined) {
    if (key === 'Fn::If') {
      const [name, whenTrue, whenFalse] = arg as [string, unknown, unknown];
      if (!(name in conditions)) throw new Error(`expected condition ${name} to be defined, found none`);
      return resolveNode(conditions[name] ? whenTrue : whenFalse, conditions);
    }
    if (key === 'Ref') return ref(arg as string);
    if (key === 'Fn::GetAtt') return `arn:${(arg as string[]).join('.')}`;
    if (key === 'Fn::Sub') {
      // Either the text alone, or [text, { name: value }] whose names are filled in first.
      if (!Array.isArray(arg)) return substitute(arg as string);
      const [text, names] = arg as [string, Record<string, unknown>];
      return substitute(text, resolveNode(names, conditions) as Record<string, unknown>);
    }
    if (key === 'Fn::Join') {
      const [separator, parts] = arg as [string, unknown[]];
      return (resolveNode(parts, conditions) as unknown[]).join(separator);
    }
    if (key === 'Fn::Split') {
      const [separator, text] = arg as [string, unknown];
      return String(resolveNode(text, conditions)).split(separator);
    }
  }
  return Object.fromEntries(
    entries.map(([k, v]) => [k, resolveNode(v, conditions)] as const).filter(([, v]) => v !== noValue),
  );
}

function ref(name: string): unknown {
  if (name === 'AWS::NoValue') return noValue;
  if (name.startsWith('AWS::'))
    return fakeAccount[name.slice(5) as keyof typeof fakeAccount] ?? `pseudo:${name}`;
  return `ref:${name}`;
}

function substitute(text: string, names: Record<string, unknown> = {}): string {
  return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    if (name in names) return String(names[name]);
    return name.includes('.') ? `arn:${name}` : String(ref(name));
  });
}

/** Every statement of every IAM role's inline policies, resolved for this deployment. */
export function roleStatements(
  template: Template,
  conditions: Record<string, boolean>,
): Array<Statement & { role: string }> {
  const inline = Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::IAM::Role')
    .flatMap(([role, resource]) => {
      const policies = resolve(resource.Properties?.Policies ?? [], conditions) as Array<{
        PolicyDocument: { Statement: Statement[] };
      }>;
      return policies.flatMap((policy) => policy.PolicyDocument.Statement.map((s) => ({ ...s, role })));
    });
  // Policies of their own (AWS::IAM::Policy) count for each role they attach to.
  const attached = Object.values(template.Resources)
    .filter((resource) => resource.Type === 'AWS::IAM::Policy')
    .flatMap((resource) => {
      const properties = resolve(resource.Properties ?? {}, conditions) as {
        Roles: string[];
        PolicyDocument: { Statement: Statement[] };
      };
      return properties.Roles.flatMap((ref) =>
        properties.PolicyDocument.Statement.map((s) => ({ ...s, role: ref.replace(/^ref:/, '') })),
      );
    });
  return [...inline, ...attached];
}

export const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
