/*
 * pdf_post.h: the typesetter's post-pass.  Adds to a PDF written by
 * cairo what cairo 1.16 cannot write and PDF/UA asks for: the document
 * language, DisplayDocTitle, an XMP metadata stream (dc:title,
 * pdfuaid:part 1), scopes on table header cells, alternative text on
 * figures, descriptions on link annotations, the tab order of pages,
 * D:-dated creation and modification dates, page furniture marked as
 * artifacts, the structure elements cairo can only nest where they are
 * painted moved where they are read (each Note after the element that
 * cites it, each Caption into its Table or Figure, a float out of the
 * list it was painted in), and a document ID computed from the content, so identical
 * input still gives identical bytes.  Works in memory: copies what it
 * does not edit byte for byte (zlib for the streams it edits, glib's MD5
 * for the ID) and refuses what cairo 1.16 does not write.
 * For render_pdf.c and the unit tests only.
 */
#ifndef SCR_PDF_POST_H
#define SCR_PDF_POST_H

#include <stddef.h>

/*
 * The structure type the typesetter gives page furniture (cairo 1.16
 * has no artifacts): the post-pass takes every element of this type out
 * of the structure tree and turns its marked content into /Artifact
 * sequences.  So the type is not to be used for anything else.
 */
#define PDF_POST_ART	"Private"

/* What the post-pass adds. */
struct pdf_post {
	const char	 *lang;		/* e.g. "en-GB" */
	const char	 *date;		/* creation date, UTC,
					   "YYYY-MM-DDThh:mm:ss" */
	const char *const *figure_alt;	/* Alt of each Figure element, in
					   document order */
	size_t		  nfigures;
	const char *const *link_text;	/* Contents of each link annotation,
					   page by page in painting order */
	size_t		  nlinks;
	const char *const *creators;	/* dc:creator entries, in order (a
					   name may hold a comma) */
	size_t		  ncreators;
	const long	 *doc_order;	/* the logical rank of each child
					   element of the Document element,
					   furniture left out, in painting
					   order: the children are put in
					   this order (stable), so that a
					   float painted after the text that
					   filled the page before it is read
					   where the text calls it; NULL to
					   keep painting order */
	size_t		  ndoc_order;
	const long	 *note_order;	/* for each Note element, in
					   painting order, the logical rank
					   (as doc_order's) of the Document
					   child that cites its note: every
					   Note is taken from where it was
					   painted (the page's foot, inside
					   a block that runs on at times) and
					   put among the Document's children
					   after that one (needs doc_order);
					   NULL to keep Notes where painted */
	size_t		  nnotes;
	const long	 *lift;		/* the floats (a chart's Caption or
					   Figure) painted inside another
					   block's element (a list or
					   paragraph that runs on past the
					   float's page), each as its index
					   among the Caption and Figure
					   elements in painting order,
					   ascending: each is taken out and
					   put among the Document's children
					   at its rank (needs doc_order) */
	const long	 *lift_order;	/* the logical rank of each */
	size_t		  nlifts;
};

/*
 * Rewrites the PDF in[0..inlen), as cairo wrote it, with the additions
 * of pp.  On success returns 1 and sets *out (free with free()) and
 * *outlen; on failure returns 0 and sets *err to a message (free with
 * free()) that starts "unexpected form of cairo's PDF: " and names what
 * was not understood; nothing is guessed.  Linear in the size of the
 * input and in the number of structure elements.
 */
int	pdf_post_buffer(const unsigned char *in, size_t inlen,
	    const struct pdf_post *pp, unsigned char **out, size_t *outlen,
	    char **err);

#endif
