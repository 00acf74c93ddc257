/*
 * test_render_odt.c: tests of the ZIP writer (pipeline/base/zip.c) and the ODT
 * back end (pipeline/render/render_odt.c): the archive's first entry is
 * "mimetype", stored, with no extra field; every entry's CRC-32 and
 * sizes are right and a deflated entry inflates back to its bytes; the
 * same entries give the same bytes; text from the data and the template
 * is escaped in content.xml and meta.xml; the structure (outline levels,
 * numbered lists, header rows, numeric alignment, sequence fields, notes)
 * is there.  The ODT tests need the project's files (input/, templates/)
 * and skip when not run from the project root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <cmocka.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "doc.h"
#include "tmpl.h"
#include "fill.h"
#include "paper.h"
#include "render.h"
#include "zip.h"
#include "testutil.h"
#include "testworld.h"

#define MIME	"application/vnd.oasis.opendocument.text"
/* CRC-32 of MIME and of HELLO, computed apart (Python's zlib.crc32). */
#define MIME_CRC	0x0c32c65eUL
#define HELLO	"hello hello hello hello\n"
#define HELLO_CRC	0x0b598800UL

static unsigned
u16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long
u32(const unsigned char *p)
{
	return (unsigned long)u16(p) | (unsigned long)u16(p + 2) << 16;
}

/* Whether the n bytes at p hold the string s. */
static int
holds(const char *p, size_t n, const char *s)
{
	size_t	 i, k = strlen(s);

	for (i = 0; i + k <= n; i++)
		if (memcmp(p + i, s, k) == 0)
			return 1;
	return 0;
}

/* Inflates n raw deflate bytes at p into out (cap bytes); returns the
 * length, or -1. */
static long
inflate_raw(const unsigned char *p, size_t n, char *out, size_t cap)
{
	z_stream	 s;
	long		 len;

	memset(&s, 0, sizeof(s));
	if (inflateInit2(&s, -15) != Z_OK)
		return -1;
	s.next_in = (Bytef *)(uintptr_t)p;
	s.avail_in = (uInt)n;
	s.next_out = (Bytef *)out;
	s.avail_out = (uInt)cap;
	len = inflate(&s, Z_FINISH) == Z_STREAM_END ? (long)s.total_out : -1;
	inflateEnd(&s);
	return len;
}

/* Makes the two-entry archive of the tests into z. */
static void
make_zip(struct zip *z)
{
	zip_init(z);
	assert_int_equal(zip_add(z, "mimetype", MIME, strlen(MIME), 1), 0);
	assert_int_equal(zip_add(z, "content.xml", HELLO, strlen(HELLO), 0),
	    0);
	assert_int_equal(zip_finish(z), 0);
}

/* The mimetype entry first and stored, CRCs and sizes right in the
 * local headers, the central directory and the end record, the
 * deflated entry inflating back to its bytes. */
static void
test_zip_layout(void **state)
{
	struct zip		 z;
	const unsigned char	*p, *cd, *end;
	char			 out[64];
	size_t			 off2, csize;

	(void)state;
	make_zip(&z);
	p = (const unsigned char *)z.out.data;
	/* Local header of mimetype at 0: stored, no extra field, its
	 * bytes right after its name (ODF 1.3 part 2, 3.3). */
	assert_int_equal(u32(p), 0x04034b50UL);
	assert_int_equal(u16(p + 8), 0);		/* stored */
	assert_int_equal(u32(p + 14), MIME_CRC);
	assert_int_equal(u32(p + 18), strlen(MIME));
	assert_int_equal(u32(p + 22), strlen(MIME));
	assert_int_equal(u16(p + 26), 8);
	assert_int_equal(u16(p + 28), 0);		/* no extra */
	assert_memory_equal(p + 30, "mimetype", 8);
	assert_memory_equal(p + 38, MIME, strlen(MIME));
	/* The second, deflated. */
	off2 = 38 + strlen(MIME);
	assert_int_equal(u32(p + off2), 0x04034b50UL);
	assert_int_equal(u16(p + off2 + 8), 8);
	assert_int_equal(u32(p + off2 + 14), HELLO_CRC);
	csize = u32(p + off2 + 18);
	assert_int_equal(u32(p + off2 + 22), strlen(HELLO));
	assert_true(csize < strlen(HELLO));
	assert_int_equal(inflate_raw(p + off2 + 30 + 11, csize, out,
	    sizeof(out)), (long)strlen(HELLO));
	assert_memory_equal(out, HELLO, strlen(HELLO));
	/* The end record, then the central directory it points at. */
	end = p + z.out.len - 22;
	assert_int_equal(u32(end), 0x06054b50UL);
	assert_int_equal(u16(end + 10), 2);
	cd = p + u32(end + 16);
	assert_int_equal(u32(end + 16), off2 + 30 + 11 + csize);
	assert_int_equal(u32(cd), 0x02014b50UL);
	assert_int_equal(u32(cd + 16), MIME_CRC);
	assert_int_equal(u32(cd + 42), 0);		/* at offset 0 */
	assert_memory_equal(cd + 46, "mimetype", 8);
	cd += 46 + 8;
	assert_int_equal(u32(cd), 0x02014b50UL);
	assert_int_equal(u16(cd + 10), 8);
	assert_int_equal(u32(cd + 16), HELLO_CRC);
	assert_int_equal(u32(cd + 20), csize);
	assert_int_equal(u32(cd + 42), off2);
	assert_int_equal(u32(end + 12), (size_t)(end - (p + u32(end + 16))));
	zip_clear(&z);
}

/* The same entries give the same bytes (a fixed time, no extra
 * fields). */
static void
test_zip_same_bytes(void **state)
{
	struct zip	 a, b;

	(void)state;
	make_zip(&a);
	make_zip(&b);
	assert_int_equal(a.out.len, b.out.len);
	assert_memory_equal(a.out.data, b.out.data, a.out.len);
	/* 1980-01-01 00:00 in the local header. */
	assert_int_equal(u16((const unsigned char *)a.out.data + 10), 0);
	assert_int_equal(u16((const unsigned char *)a.out.data + 12), 0x21);
	zip_clear(&a);
	zip_clear(&b);
}

#define HOSTILE	"<text:p>x</text:p> & \"q\" 'a' ]]>"
#define HOSTILE_ESC \
	"&lt;text:p&gt;x&lt;/text:p&gt; &amp; &quot;q&quot; &apos;a&apos; " \
	"]]&gt;"
/* meta.xml is escaped by buf_put_xml(): the apostrophe as &#39;. */
#define HOSTILE_META \
	"&lt;text:p&gt;x&lt;/text:p&gt; &amp; &quot;q&quot; &#39;a&#39; " \
	"]]&gt;"

/* A board name and template text holding markup are escaped: in the
 * headings, text, a list, a table, a note, the chart's caption and text
 * alternative and the metadata. */
static void
test_odt_escapes_every_text(void **state)
{
	struct world	*w = *state;
	struct doc	*doc;
	struct buf	 c, s, m;

	if (w->figs == NULL)
		skip();
	doc = world_doc(w,
	    "# Title " HOSTILE "\n\n"
	    "## Section " HOSTILE "\n\n"
	    "Text " HOSTILE " and a note.[^n]\n\n"
	    "[^n]: Note " HOSTILE "\n\n"
	    "- item " HOSTILE "\n\n"
	    "| Age " HOSTILE " | Series " HOSTILE " |\n"
	    "| --- | --- |\n"
	    "| Cat " HOSTILE " | 35% |\n"
	    "| Other | 20% |\n\n"
	    "@chart Caption " HOSTILE "\n", -1);
	free(doc->meta.title);
	doc->meta.title = xstrdup("Paper " HOSTILE);
	free(doc->meta.lscb);
	doc->meta.lscb = xstrdup("Board " HOSTILE);
	free(doc->meta.subject);
	doc->meta.subject = xstrdup("Subject " HOSTILE);
	buf_init(&c);
	buf_init(&s);
	buf_init(&m);
	render_odt_parts(doc, &c, &s, &m);
	assert_null(strstr(c.data, "<text:p>x"));
	assert_null(strstr(m.data, "<text:p>x"));
	assert_non_null(strstr(c.data, "<text:h text:style-name=\"Heading_20_1\""
	    " text:outline-level=\"1\">Title " HOSTILE_ESC "</text:h>"));
	assert_non_null(strstr(c.data, "outline-level=\"2\">Section "
	    HOSTILE_ESC "</text:h>"));
	assert_non_null(strstr(c.data, ">Text " HOSTILE_ESC " and a note."));
	assert_non_null(strstr(c.data, "<text:p text:style-name=\"Footnote\">"
	    "Note " HOSTILE_ESC "</text:p>"));
	assert_non_null(strstr(c.data, ">item " HOSTILE_ESC "</text:p>"));
	assert_non_null(strstr(c.data, "\"Table_20_Contents\">Cat "
	    HOSTILE_ESC "</text:p>"));
	assert_non_null(strstr(c.data, "</text:sequence>: Caption "
	    HOSTILE_ESC "</text:p>"));
	assert_non_null(strstr(c.data, ">Bar chart: Caption " HOSTILE_ESC
	    ". Cat " HOSTILE_ESC ": Series " HOSTILE_ESC " 35%."));
	/* The chart as an SVG image, named and described. */
	assert_non_null(strstr(c.data, "xlink:href=\"Pictures/figure1.svg\""));
	assert_non_null(strstr(c.data, "<svg:title>Figure\u00a01: Caption "
	    HOSTILE_ESC "</svg:title><svg:desc>Bar chart: Caption "
	    HOSTILE_ESC ". Cat "));
	assert_non_null(strstr(m.data, "<dc:title>Paper " HOSTILE_META
	    ": Board " HOSTILE_META "</dc:title>"));
	assert_non_null(strstr(m.data, "<dc:subject>Subject " HOSTILE_META
	    "</dc:subject>"));
	/* The package holds the drawing and lists it. */
	buf_reset(&c);
	assert_int_equal(render_odt_buf(doc, &c), 0);
	assert_true(holds(c.data, c.len, "Pictures/figure1.svg"));
	buf_clear(&c);
	buf_clear(&s);
	buf_clear(&m);
	doc_free(doc);
}

/* The structure a person edits: numbered list items (with the paper's
 * numbers), the header row, a right-aligned number, a sequence field
 * referred to, a note, en-GB and Open Sans in the default style. */
static void
test_odt_structure(void **state)
{
	struct world	*w = *state;
	struct doc	*doc;
	struct buf	 c, s, m, z;

	if (w->figs == NULL)
		skip();
	doc = world_doc(w,
	    "# The paper\n\n"
	    "## Section\n\n"
	    "See {ref:ages}, a note.[^a] Again.[^a]\n\n"
	    "[^a]: The note's text.\n\n"
	    "1. **First.** text\n1. **Second.** text\n\n"
	    "@table #ages Ages\n"
	    "| Age | London |\n"
	    "| --- | --- |\n"
	    "| Under 1 | 35% |\n", -1);
	buf_init(&c);
	buf_init(&s);
	buf_init(&m);
	render_odt_parts(doc, &c, &s, &m);
	assert_non_null(strstr(c.data, "<text:list text:style-name=\""
	    "Numbering_20_123\">\n<text:list-item><text:p text:style-name="
	    "\"List_20_Contents\"><text:span text:style-name=\""
	    "Strong_20_Emphasis\">First.</text:span> text</text:p>"));
	assert_non_null(strstr(c.data, "<table:table-header-rows>\n"
	    "<table:table-row>"));
	assert_non_null(strstr(c.data, "<text:p text:style-name=\""
	    "Table_20_Number\">35%</text:p>"));
	assert_non_null(strstr(c.data, "<text:p text:style-name=\"Table\">"
	    "Table\u00a0<text:sequence text:ref-name=\"refTable1\" "
	    "text:name=\"Table\" text:formula=\"ooow:Table+1\" "
	    "style:num-format=\"1\">1</text:sequence>: Ages</text:p>"));
	assert_non_null(strstr(c.data, "See <text:sequence-ref "
	    "text:reference-format=\"category-and-value\" "
	    "text:ref-name=\"refTable1\">Table\u00a01</text:sequence-ref>"));
	assert_non_null(strstr(c.data, "<text:note text:id=\"ftn1\" "
	    "text:note-class=\"footnote\"><text:note-citation>1"));
	assert_non_null(strstr(c.data, "Again.<text:note-ref "
	    "text:note-class=\"footnote\" text:reference-format=\"text\" "
	    "text:ref-name=\"ftn1\">1</text:note-ref>"));
	assert_non_null(strstr(s.data, "<style:text-properties "
	    "style:font-name=\"Open Sans\" fo:font-size=\"11pt\" "
	    "fo:language=\"en\" fo:country=\"GB\""));
	assert_non_null(strstr(m.data, "<dc:language>en-GB</dc:language>"));
	/* The whole package, twice: the same bytes. */
	buf_init(&z);
	assert_int_equal(render_odt_buf(doc, &z), 0);
	assert_memory_equal(z.data + 30, "mimetype" MIME, 8 + strlen(MIME));
	buf_reset(&c);
	assert_int_equal(render_odt_buf(doc, &c), 0);
	assert_int_equal(c.len, z.len);
	assert_memory_equal(c.data, z.data, z.len);
	buf_clear(&z);
	buf_clear(&c);
	buf_clear(&s);
	buf_clear(&m);
	doc_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zip_layout),
		cmocka_unit_test(test_zip_same_bytes),
		cmocka_unit_test_setup_teardown(test_odt_escapes_every_text,
		    world_setup, world_teardown),
		cmocka_unit_test_setup_teardown(test_odt_structure,
		    world_setup, world_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
