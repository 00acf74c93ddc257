// check_html.mjs: checks scrpaper's HTML papers as a reader's browser
// sees them.  Usage:
//
//     node tests/js/check_html.mjs SHOTS_DIR FILE.html...
//
// For every file: html-validate (the rules in .htmlvalidate.json beside
// this script) must report nothing; then the page is opened in headless
// Chromium (Debian's /usr/bin/chromium, or $CHROMIUM; never a downloaded
// browser) with a fresh profile and every request outside the file
// refused and counted, and
//   - axe-core with the WCAG 2.0/2.1 A and AA rules must find 0
//     violations, at desktop width and at 320 CSS px;
//   - at 320 CSS px wide the page must not scroll sideways (WCAG 1.4.10
//     reflow);
//   - the page must run no script, ask for nothing outside itself, have
//     lang="en-GB", a title, one h1 and no heading level skipped;
//   - a screenshot of the first screen (desktop and 320 px) is saved in
//     SHOTS_DIR as NAME.png and NAME-320.png for people to look at.
// With `--narrow-axe N` before the files, axe-core runs at 320 px on the
// first N files only (make check: the others' reflow is still checked,
// and axe at desktop width); every file's by default.  With `--no-shots`
// before the files, no screenshot is taken (make check: they are for
// people to look at, not checks).
// With `--print HTML PDF ...` after the files, the same browser prints
// each HTML paper to PDF with its print style (A4, the page's own size:
// what `chromium --print-to-pdf` writes) for tests/e2e/print_check.py.
// With `--same-words HTML TXT ...` after the files, the same browser then
// checks that each HTML paper says what its PDF's text TXT says
// (tests/js/same_words.mjs, which says how): one Chromium for both.
// Prints one line a file and "N passed, N failed" (and a line a pair and
// its own summary); exits 1 when any file or pair fails, 2 on a usage or
// set-up problem (missing browser or packages), so a missing tool never
// passes silently.
import { mkdtempSync, rmSync, mkdirSync, existsSync, readFileSync }
    from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename, resolve, dirname } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

function die(msg) {
	console.error(`check_html: ${msg}`);
	process.exit(2);
}

const argv = process.argv.slice(2);
let narrowAxe = Infinity, shotsWanted = true;
for (;;) {
	if (argv[1] === '--narrow-axe') {
		narrowAxe = Number(argv[2]);
		argv.splice(1, 2);
		if (!Number.isInteger(narrowAxe) || narrowAxe < 0)
			die('--narrow-axe wants a count of files');
	} else if (argv[1] === '--no-shots') {
		shotsWanted = false;
		argv.splice(1, 1);
	} else {
		break;
	}
}
const [shots, ...rest] = argv;
// The files, then the pairs after each of --same-words and --print.
const lists = { '': [], '--same-words': [], '--print': [] };
let at = '', bad = false;
for (const a of rest) {
	if (a in lists && a !== '') {
		bad ||= lists[a].length > 0;
		at = a;
	} else {
		lists[at].push(a);
	}
}
const files = lists[''];
const pairs = lists['--same-words'];
const prints = lists['--print'];
if (!shots || files.length === 0 || bad || pairs.length % 2 !== 0 ||
    prints.length % 2 !== 0 ||
    (rest.includes('--same-words') && pairs.length === 0) ||
    (rest.includes('--print') && prints.length === 0))
	die('usage: node check_html.mjs SHOTS_DIR [--narrow-axe N] [--no-shots] ' +
	    'FILE.html... [--same-words PAPER.html PAPER.txt...] ' +
	    '[--print PAPER.html OUT.pdf...]');

const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromiumPath))
	die(`${chromiumPath} is not installed (make deps installs Debian's ` +
	    'chromium)');

let chromium, HtmlValidate, axePath, sameWords;
try {
	({ chromium } = await import('playwright-core'));
	({ HtmlValidate } = await import('html-validate'));
	({ sameWords } = await import('./same_words.mjs'));
	axePath = require.resolve('axe-core/axe.min.js');
} catch (e) {
	die(`the test packages are missing (make deps runs npm ci in ` +
	    `tests/js): ${e.message}`);
}

// The flags that keep Chromium off the network and quiet on a machine
// with none: no background requests, no component updates, no sync; and
// its (software) GPU work in the browser process rather than one more
// process of its own (the same pictures, less CPU).
const flags = [
	'--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
	'--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync', '--in-process-gpu',
];
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const desktop = { width: 1280, height: 900 };
const narrow = { width: 320, height: 640 };

const validator = new HtmlValidate(JSON.parse(readFileSync(
    join(here, '.htmlvalidate.json'), 'utf8')));

mkdirSync(shots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'scr-chromium-'));
let context;
try {
	context = await chromium.launchPersistentContext(profile, {
		executablePath: chromiumPath,
		headless: true,
		args: flags,
		viewport: desktop,
		// axe-core is injected into the page under test, which the
		// page's own policy (no script) would otherwise refuse.
		bypassCSP: true,
		offline: true,
	});
} catch (e) {
	rmSync(profile, { recursive: true, force: true });
	die(`cannot start ${chromiumPath}: ${e.message}`);
}

// Counts every request a page makes outside its own file.
let external = [];
await context.route('**/*', (route) => {
	const url = route.request().url();
	if (url.startsWith('file:') || url.startsWith('data:'))
		return route.continue();
	external.push(url);
	return route.abort();
});

async function axe(page) {
	await page.addScriptTag({ path: axePath });
	return page.evaluate(async (tags) => {
		const r = await window.axe.run(document, {
			runOnly: { type: 'tag', values: tags },
			resultTypes: ['violations'],
		});
		return r.violations.map((v) => ({
			id: v.id, impact: v.impact, help: v.help,
			nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
		}));
	}, axeTags);
}

// What the page is before any script of ours is added to it.
function facts() {
	const h = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')]
	    .map((e) => Number(e.tagName[1]));
	let skipped = null;
	h.forEach((l, i) => {
		if (skipped === null && l > (i === 0 ? 1 : h[i - 1] + 1))
			skipped = `h${i === 0 ? 0 : h[i - 1]} -> h${l}`;
	});
	return {
		scripts: document.scripts.length,
		lang: document.documentElement.lang,
		title: document.title,
		h1: h.filter((l) => l === 1).length,
		skipped,
	};
}

// Chromium on a loaded machine may refuse one capture ("Unable to capture
// screenshot") and take the same picture when asked again: a few tries.
async function shot(page, path) {
	if (!shotsWanted)
		return;
	for (let i = 1; ; i++) {
		try {
			return await page.screenshot({ path });
		} catch (e) {
			if (i >= 4 || !/Unable to capture screenshot/.test(e.message))
				throw e;
			await page.waitForTimeout(250 * i);
		}
	}
}

let pass = 0, fail = 0;
for (const file of files) {
	const name = basename(file).replace(/\.html$/, '');
	const problems = [];

	const report = await validator.validateFile(file);
	for (const r of report.results)
		for (const m of r.messages)
			problems.push(`html-validate ${m.ruleId} ` +
			    `${m.line}:${m.column}: ${m.message}`);

	external = [];
	const page = await context.newPage();
	try {
		await page.goto(pathToFileURL(resolve(file)).href,
		    { waitUntil: 'load' });
		const f = await page.evaluate(facts);
		if (f.scripts !== 0)
			problems.push(`${f.scripts} script element(s)`);
		if (f.lang !== 'en-GB')
			problems.push(`lang is "${f.lang}", not en-GB`);
		if (f.title.trim() === '')
			problems.push('no title');
		if (f.h1 !== 1)
			problems.push(`${f.h1} h1 elements, not 1`);
		if (f.skipped !== null)
			problems.push(`heading level skipped: ${f.skipped}`);
		await shot(page, join(shots, `${name}.png`));

		for (const v of await axe(page))
			problems.push(`axe ${v.id} (${v.impact}) at desktop ` +
			    `width: ${v.help}: ${v.nodes.join(', ')}`);

		// The page runs no script (checked above): laid out again at
		// 320 px, it is what a load at that width gives.
		await page.setViewportSize(narrow);
		const over = await page.evaluate(() => {
			const d = document.documentElement;
			return { scroll: d.scrollWidth, client: d.clientWidth,
			    wide: [...document.body.querySelectorAll('*')]
				.filter((e) => e.getBoundingClientRect().right >
				    d.clientWidth + 0.5)
				.slice(0, 3).map((e) => e.tagName.toLowerCase() +
				    (e.className ? '.' + e.className : '')) };
		});
		if (over.scroll > over.client)
			problems.push(`scrolls sideways at ${narrow.width} px: ` +
			    `${over.scroll} px wide (${over.wide.join(', ')})`);
		await shot(page, join(shots, `${name}-320.png`));
		if (files.indexOf(file) < narrowAxe)
			for (const v of await axe(page))
				problems.push(`axe ${v.id} (${v.impact}) at ` +
				    `${narrow.width} px: ${v.help}: ` +
				    `${v.nodes.join(', ')}`);
	} catch (e) {
		problems.push(`browser: ${e.message}`);
	} finally {
		await page.close();
	}
	for (const url of external)
		problems.push(`external request: ${url}`);

	if (problems.length === 0) {
		pass++;
		console.log(`ok ${file}`);
	} else {
		fail++;
		console.log(`FAIL ${file}`);
		for (const p of problems)
			console.log(`    ${p}`);
	}
}
console.log(`html: ${pass} passed, ${fail} failed`);
let unprinted = 0;
for (let k = 0; k < prints.length; k += 2) {
	const page = await context.newPage();
	try {
		await page.goto(pathToFileURL(resolve(prints[k])).href,
		    { waitUntil: 'load' });
		await page.pdf({ path: prints[k + 1], preferCSSPageSize: true });
		console.log(`printed ${prints[k]}`);
	} catch (e) {
		unprinted++;
		console.log(`FAIL print ${prints[k]}: ${e.message}`);
	} finally {
		await page.close();
	}
}
let words = { pass: 0, fail: 0 };
if (pairs.length > 0) {
	words = await sameWords(context, pairs);
	console.log(`same words: ${words.pass} passed, ${words.fail} failed`);
}
await context.close();
rmSync(profile, { recursive: true, force: true });
process.exit(fail === 0 && words.fail === 0 && unprinted === 0 ? 0 : 1);
