// same_words.mjs: checks that an HTML paper says what its PDF says.
// Usage:
//
//     node tests/js/same_words.mjs PAPER.html PAPER.txt [HTML TXT]...
//
// where PAPER.txt is `pdftotext PAPER.pdf` of the same paper.
//
// The HTML's text is what Chromium renders (innerText), less what only
// the HTML edition has (elements marked data-edition="html": the skip
// link, the tables' captions, the notes' heading and links back) and the
// chart's drawing (in the PDF its labels are outlines, not text); list
// markers are written out as the PDF prints them.  The PDF's text is
// pdftotext's, less the running footers ("Page N of M").
//
// Both are cut into words at white space and around dashes and slashes
// (a PDF line may break after either, and pdftotext spaces words by
// their positions on the page, so "1 – 5" may come out as "1–5").  Then:
//   - each footnote, at the end of the HTML and at the foot of a page in
//     the PDF, must be in the PDF as "N its words" and is taken out of
//     both; so is each figure's caption ("Figure N: ..."), which may
//     float to the next page in the PDF;
//   - the PDF's words must be the HTML's words outside the tables, in the
//     same order, with the words of the tables' cells among them, each
//     exactly as often as the tables have it (pdftotext reads a table's
//     cells in no reliable order, and may set a heading beside a table
//     after it; the tagged PDF's structure has them in order), and the
//     words of the tables' header rows again as often as the PDF repeats
//     them on the pages a long table continues on.
// Prints one line a pair and "N passed, N failed"; exits 1 when any pair
// differs, 2 when the browser or the packages are missing.
//
// tests/js/check_html.mjs runs the same check in its own browser
// (`--same-words HTML TXT ...`) through sameWords() below, so that one
// Chromium serves both scripts.
import { readFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

function die(msg) {
	console.error(`same_words: ${msg}`);
	process.exit(2);
}

// Runs in the page: returns { body, tables, notes: [[number, text]...] }.
function paperText() {
	document.querySelectorAll('[data-edition="html"], svg')
	    .forEach((e) => e.remove());
	const figs = [...document.querySelectorAll('figure figcaption')]
	    .map((f) => f.innerText);
	document.querySelectorAll('figure figcaption')
	    .forEach((e) => e.remove());
	const notes = [...document.querySelectorAll('.notes li')]
	    .map((li) => [li.value, li.innerText]);
	document.querySelectorAll('.notes').forEach((e) => e.remove());
	document.querySelectorAll('ul > li').forEach((li) =>
	    li.prepend('\u2022 '));
	document.querySelectorAll('ol').forEach((ol) => {
		let n = ol.start;
		for (const li of ol.children) {
			if (li.hasAttribute('value'))
				n = li.value;
			li.prepend(`${n++}. `);
		}
	});
	const tables = [...document.querySelectorAll('table')]
	    .map((t) => t.innerText).join('\n');
	const heads = [...document.querySelectorAll('table thead')]
	    .map((t) => t.innerText).join('\n');
	document.querySelectorAll('table').forEach((e) => e.remove());
	return { body: document.body.innerText, tables, heads, notes, figs };
}

// (A word joiner, U+2060, is invisible: the PDF's text has none.)
const words = (s) => s.replace(/\u2060/g, '')
    .replace(/\s*([\u2013\u2014/-])\s*/g, ' $1 ')
    .split(/\s+/).filter((w) => w !== '');

// Returns null when pdf is body in order with the words of the bag
// (word -> count) among them, and perhaps words of the tables' header
// rows again (heads: the PDF repeats them on every page a table
// continues on), else what is wrong.
function interleaved(pdf, body, bag, heads) {
	let j = 0;
	for (let i = 0; i < pdf.length; i++) {
		if (j < body.length && pdf[i] === body[j]) {
			j++;
		} else if ((bag.get(pdf[i]) || 0) > 0) {
			bag.set(pdf[i], bag.get(pdf[i]) - 1);
		} else if (heads.has(pdf[i])) {
			continue;
		} else {
			return `PDF word ${i} "${pdf[i]}" is neither the ` +
			    `HTML's next word "${body[j] ?? '(end)'}" nor a ` +
			    `table's:\n      pdf:  ...${pdf.slice(
				Math.max(0, i - 12), i + 8).join(' ')}...\n` +
			    `      html: ...${body.slice(Math.max(0, j - 12),
				j + 8).join(' ')}...`;
		}
	}
	if (j < body.length)
		return `the PDF ends before the HTML's word ${j} ` +
		    `"${body[j]}"`;
	const left = [...bag].filter(([, n]) => n > 0);
	if (left.length > 0)
		return 'table words missing from the PDF: ' +
		    left.slice(0, 8).map(([w, n]) => `${w} x${n}`).join(', ');
	return null;
}

// Checks each pair (HTML, TXT) of args in the browser context given;
// prints a line a pair; returns { pass, fail }.
export async function sameWords(context, args) {
	let pass = 0, fail = 0;
	for (let k = 0; k < args.length; k += 2) {
		const [html, txt] = [args[k], args[k + 1]];
		const problems = [];
		const page = await context.newPage();
		await page.goto(pathToFileURL(resolve(html)).href);
		const { body, tables, heads, notes, figs } =
		    await page.evaluate(paperText);
		await page.close();

		const pdf = words(readFileSync(txt, 'utf8')
		    .replace(/Page \d+ of \d+/g, ' '));
		for (const [n, text] of notes) {
			const note = [String(n), ...words(text)];
			let at = -1;
			for (let i = 0; at < 0 && i + note.length <= pdf.length; i++)
				if (note.every((w, m) => pdf[i + m] === w))
					at = i;
			if (at < 0)
				problems.push(`footnote ${n} is not in the PDF as ` +
				    `"${note.slice(0, 10).join(' ')}..."`);
			else
				pdf.splice(at, note.length);
		}
		// A chart's caption ("Figure N: ..."), with the chart, may float to
		// the top of the next page in the PDF (issue 19): it must be in the
		// PDF whole, in order, wherever it is, and is taken out of both.
		for (const text of figs) {
			const fig = words(text);
			let at = -1;
			for (let i = 0; at < 0 && i + fig.length <= pdf.length; i++)
				if (fig.every((w, m) => pdf[i + m] === w))
					at = i;
			if (at < 0)
				problems.push('figure caption is not in the PDF as ' +
				    `"${fig.slice(0, 10).join(' ')}..."`);
			else
				pdf.splice(at, fig.length);
		}
		const bag = new Map();
		for (const w of words(tables))
			bag.set(w, (bag.get(w) || 0) + 1);
		const bw = words(body);
		const wrong = interleaved(pdf, bw, bag, new Set(words(heads)));
		if (wrong !== null)
			problems.push(wrong);
		if (bw.length < 100)
			problems.push(`only ${bw.length} words of text`);

		if (problems.length === 0) {
			pass++;
			console.log(`ok ${html} (${pdf.length} words, ` +
			    `${notes.length} footnote(s))`);
		} else {
			fail++;
			console.log(`FAIL ${html}`);
			for (const p of problems)
				console.log(`    ${p}`);
		}
	}
	return { pass, fail };
}

// Run as a script (not imported by check_html.mjs).
if (import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	const args = process.argv.slice(2);
	if (args.length === 0 || args.length % 2 !== 0)
		die('usage: node same_words.mjs PAPER.html PAPER.txt ...');
	const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
	if (!existsSync(chromiumPath))
		die(`${chromiumPath} is not installed (make deps installs Debian's ` +
		    'chromium)');
	let chromium;
	try {
		({ chromium } = await import('playwright-core'));
	} catch (e) {
		die(`the test packages are missing (make deps runs npm ci in ` +
		    `tests/js): ${e.message}`);
	}

	const profile = mkdtempSync(join(tmpdir(), 'scr-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: chromiumPath,
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
		    '--no-first-run', '--disable-background-networking',
		    '--disable-component-update', '--disable-sync'],
		offline: true,
	});
	const { pass, fail } = await sameWords(context, args);
	await context.close();
	rmSync(profile, { recursive: true, force: true });
	console.log(`same words: ${pass} passed, ${fail} failed`);
	process.exit(fail === 0 ? 0 : 1);
}
