#!/usr/bin/env node
// validate.js FILE.sarif... -- exit 0 when every file is valid SARIF 2.1.0.
//
// Two independent validators:
//  1. ajv (JSON Schema 2020-12 with formats) against sarif-2.1.0.json, the
//     SARIF 2.1.0 schema that the SARIF SDK ships in its multitool package;
//  2. the SDK's own `Sarif.Multitool validate`, which checks the schema and
//     the specification's rules; any error it reports fails the file.
// Prints one line per problem and a closing "N passed, N failed" line.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

const sdk = path.join(__dirname, 'node_modules', '@microsoft',
    'sarif-multitool-linux');
const schema = JSON.parse(fs.readFileSync(path.join(sdk, 'sarif-2.1.0.json'),
    'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const check = ajv.compile(schema);

const tool = path.join(sdk, 'Sarif.Multitool');
// npm 11 does not run the package's postinstall (chmod u+x) by default.
fs.chmodSync(tool, 0o755);

let pass = 0, fail = 0;
for (const file of process.argv.slice(2)) {
	let ok = true;
	let doc;
	try {
		doc = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		console.log(`${file}: not JSON: ${e.message}`);
		fail++;
		continue;
	}
	if (!check(doc)) {
		ok = false;
		for (const e of check.errors)
			console.log(`${file}: schema: ${e.instancePath || '/'} ` +
			    `${e.message} ${JSON.stringify(e.params)}`);
	}
	const out = path.join(fs.mkdtempSync('/tmp/sarifv-'), 'out.sarif');
	const r = spawnSync(tool, ['validate', '--output', out, file], {
		encoding: 'utf8',
		env: Object.assign({}, process.env,
		    { DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' }),
	});
	const errs = (r.stdout || '').split('\n')
	    .filter((l) => / error [A-Z]*[0-9]+:/.test(l));
	if (r.status !== 0 || errs.length > 0 || r.error) {
		ok = false;
		console.log(`${file}: Sarif.Multitool validate (exit ` +
		    `${r.status}${r.error ? ', ' + r.error.message : ''}):`);
		for (const l of errs.length ? errs : [r.stdout, r.stderr])
			console.log('  ' + String(l).trim());
	}
	fs.rmSync(path.dirname(out), { recursive: true, force: true });
	if (ok) pass++; else fail++;
}
console.log(`sarif: ${pass} passed, ${fail} failed`);
process.exit(fail === 0 && pass > 0 ? 0 : 1);
