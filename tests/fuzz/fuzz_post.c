/*
 * fuzz_post.c: libFuzzer entry point for the PDF post-pass
 * (pipeline/post/pdf_post.c).  Each input is handed to pdf_post_buffer() as
 * if cairo had written it; the pass must accept it or refuse it with a
 * message naming cairo's PDF, never crash, leak or read outside it, and
 * what it accepts starts and ends as a PDF.  Seeds in
 * tests/fuzz/corpus/post/: a small paper as cairo wrote it, and the same
 * with its content streams unfiltered and its fonts emptied.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_post.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const alt[] = { "A chart \xe2\x80\x93 alt", "(x)" };
	static const char *const links[] = { "Go to footnote 1", "\\" };
	static const char *const creators[] = { "A, B", "C & D" };
	struct pdf_post pp;
	unsigned char *out = NULL;
	size_t outlen = 0;
	char *err = NULL;

	memset(&pp, 0, sizeof(pp));
	pp.lang = "en-GB";
	pp.date = "2009-11-30T00:00:00";
	pp.figure_alt = alt;
	pp.nfigures = 2;
	pp.link_text = links;
	pp.nlinks = 2;
	pp.creators = creators;
	pp.ncreators = 2;
	if (pdf_post_buffer(data, size, &pp, &out, &outlen, &err)) {
		if (outlen < 16 || memcmp(out, "%PDF-1.7\n", 9) != 0 ||
		    memcmp(out + outlen - 6, "%%EOF\n", 6) != 0)
			abort();
		free(out);
	} else {
		if (out != NULL || err == NULL ||
		    strncmp(err, "unexpected form of cairo's PDF: ", 32) != 0)
			abort();
		free(err);
	}
	return 0;
}
