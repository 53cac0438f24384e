import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { actionWords, auditActions, describeAction } from './prose';

// Reads every module under src that writes to the trail and collects the action names it
// passes to append()/record(), so an action added anywhere without a sentence fails here.

const SRC = path.resolve(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const full = path.join(dir, e.name);
		if (e.isDirectory()) return sourceFiles(full);
		return /\.ts$/.test(e.name) && !/\.(spec|test)\.ts$/.test(e.name) ? [full] : [];
	});
}

function stringsIn(node: ts.Node): string[] {
	if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
	// `closesAt === 'now' ? 'hotwash.closed' : 'hotwash.extended'`: only the branches name actions.
	if (ts.isConditionalExpression(node)) return [node.whenTrue, node.whenFalse].flatMap(stringsIn);
	return node.getChildren().flatMap(stringsIn);
}

/** The action argument of every audit append/record call, as literals or as the expression. */
function writtenActions() {
	const literals = new Set<string>();
	const indirect: string[] = [];
	for (const file of sourceFiles(SRC)) {
		const code = fs.readFileSync(file, 'utf8');
		if (!/audit\/log['"]/.test(code)) continue;
		const sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
		// Namespace imports (`* as audit`) and named ones (`{ append }`) of the audit log.
		const namespaces = new Set<string>();
		const named = new Set<string>();
		for (const st of sf.statements) {
			if (
				!ts.isImportDeclaration(st) ||
				!/audit\/log$/.test((st.moduleSpecifier as ts.StringLiteral).text)
			)
				continue;
			const bindings = st.importClause?.namedBindings;
			if (bindings && ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
			if (bindings && ts.isNamedImports(bindings))
				for (const el of bindings.elements)
					if (['append', 'record'].includes((el.propertyName ?? el.name).text))
						named.add(el.name.text);
		}
		const visit = (node: ts.Node) => {
			if (ts.isCallExpression(node) && node.arguments.length >= 3) {
				const callee = node.expression;
				const isAudit =
					(ts.isPropertyAccessExpression(callee) &&
						ts.isIdentifier(callee.expression) &&
						namespaces.has(callee.expression.text) &&
						['append', 'record'].includes(callee.name.text)) ||
					(ts.isIdentifier(callee) && named.has(callee.text));
				if (isAudit) {
					const arg = node.arguments[2];
					const found = stringsIn(arg);
					if (found.length) found.forEach((s) => literals.add(s));
					else indirect.push(`${path.relative(SRC, file)}: ${arg.getText(sf)}`);
				}
			}
			ts.forEachChild(node, visit);
		};
		visit(sf);
	}
	return { literals, indirect };
}

/** `action: 'user.password_changed'` handed to users.setPassword, which appends it. */
function setPasswordActions(): string[] {
	const found: string[] = [];
	for (const file of sourceFiles(SRC)) {
		const code = fs.readFileSync(file, 'utf8');
		if (!code.includes('setPassword(')) continue;
		for (const m of code.matchAll(/\baction:\s*'([a-z_]+\.[a-z_]+)'/g)) found.push(m[1]);
	}
	return found;
}

describe('audit action prose', () => {
	const { literals, indirect } = writtenActions();

	it('finds the actions the app writes (the scan itself works)', () => {
		expect(literals.size).toBeGreaterThan(40);
		expect([...literals]).toEqual(expect.arrayContaining(['login.success', 'plan.approved']));
	});

	it('has a sentence for every action written anywhere in src', () => {
		const written = [...literals, ...setPasswordActions()];
		expect(written.filter((a) => !(auditActions as string[]).includes(a))).toEqual([]);
	});

	it('knows where each action passed as a variable comes from', () => {
		// users.setPassword appends opts.action; its callers' literals are read above. Another
		// indirection needs its literals read too before it joins this list.
		expect(indirect.map((s) => s.replace(/^.*: /, ''))).toEqual(indirect.map(() => 'opts.action'));
	});

	it('reads an entry as a sentence built from its detail', () => {
		expect(describeAction('plan.approved', { number: '1.4' }, 'v1')).toBe(
			'approved plan version 1.4'
		);
		expect(describeAction('login.success', {}, 'u1')).toBe('signed in');
		expect(describeAction('drill.ended', { title: 'Ransom', how: 'manual' }, 'd1')).toBe(
			'ended drill “Ransom” (manual)'
		);
		expect(describeAction('report.generated', { kind: 'aar' }, 'HW-2026-0001')).toBe(
			'generated after-action report HW-2026-0001'
		);
		expect(describeAction('audit.exported', { count: 3, format: 'csv' }, null)).toBe(
			'exported 3 audit entries as CSV'
		);
	});

	it('falls back to the action’s own words for unknown actions and odd details', () => {
		expect(describeAction('widget.colour_changed', {}, null)).toBe('widget: colour changed');
		expect(describeAction('plan.approved', null, null)).toBe('approved plan version');
		expect(actionWords('logout')).toBe('logout');
	});
});
