// fdp_validate.js DIR - validates DIR/datapackage.json against the Fiscal Data Package
// profile shipped in the npm package "datapackage" (JSON Schema draft-04, checked with tv4),
// then checks that every resource's CSV exists and its header is the schema's field list,
// and that every model source names a field of its resource. Prints "ok" or the errors.
'use strict';
const fs = require('fs');
const path = require('path');
const dir = process.argv[2];
const base = path.resolve(process.argv[3]);
const tv4 = require(path.join(base, 'node_modules', 'tv4'));
const profile = require(path.join(base, 'node_modules', 'datapackage', 'lib', 'profiles', 'fiscal-data-package.json'));
const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'datapackage.json'), 'utf8'));
const errors = [];
const res = tv4.validateMultiple(pkg, profile);
if (!res.valid)
	for (const e of res.errors) errors.push(`schema: ${e.message} at ${e.dataPath}`);
if (res.missing && res.missing.length) errors.push('schema: unresolved references ' + res.missing.join(' '));
const fields = {};
for (const r of pkg.resources || []) {
	const names = r.schema.fields.map(f => f.name);
	fields[r.name] = names;
	const file = path.join(dir, r.path);
	if (!fs.existsSync(file)) { errors.push(`${r.path}: missing`); continue; }
	const head = fs.readFileSync(file, 'utf8').split('\n')[0];
	if (head !== names.join(',')) errors.push(`${r.path}: header ${head} is not ${names.join(',')}`);
	for (const f of r.schema.fields)
		if (f.type === 'number' || f.type === 'integer') {
			const idx = names.indexOf(f.name);
			const rows = fs.readFileSync(file, 'utf8').split('\n').slice(1, 200);
			for (const row of rows) {
				if (!row || row.includes('"')) continue; // quoted text: not a simple row to split
				const v = row.split(',')[idx];
				if (v !== '' && v !== undefined && isNaN(Number(v))) { errors.push(`${r.path}: ${f.name} = ${v} is not a number`); break; }
			}
		}
}
const model = pkg.model || {};
for (const [name, m] of Object.entries(model.measures || {}))
	if (!(fields[m.resource] || []).includes(m.source)) errors.push(`measure ${name}: no field ${m.source} in ${m.resource}`);
for (const [name, d] of Object.entries(model.dimensions || {}))
	for (const [an, a] of Object.entries(d.attributes))
		if (!(fields[a.resource] || []).includes(a.source)) errors.push(`dimension ${name}.${an}: no field ${a.source}`);
if (errors.length) { console.log(errors.join('\n')); process.exit(1); }
console.log('ok');
