/*
 * pdf_post_edit.c: the post-pass's edits outside the structure tree
 * (pdf_post_int.h): the XMP metadata written from the information
 * dictionary, and the pages (their list, tab order, link descriptions,
 * the furniture of their content streams).
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "pdf_post.h"
#include "pdf_post_int.h"

/*
 * Writes into b the XMP metadata, from the information dictionary info
 * (so the two agree): dc:title, dc:creator, dc:description,
 * dc:language, pdf:Keywords, pdf:Producer, xmp:CreatorTool, the dates
 * and pdfuaid:part 1.
 */
void
pdf_post_xmp(struct post *p, struct pv *info, struct buf *b)
{
	char		*title, *author, *subject, *keywords, *producer;
	char		*creator, *s, *e;
	size_t		 i;

	title = pdf_pv_utf8(pdf_pv_get(info, "/Title"));
	author = pdf_pv_utf8(pdf_pv_get(info, "/Author"));
	subject = pdf_pv_utf8(pdf_pv_get(info, "/Subject"));
	keywords = pdf_pv_utf8(pdf_pv_get(info, "/Keywords"));
	producer = pdf_pv_utf8(pdf_pv_get(info, "/Producer"));
	creator = pdf_pv_utf8(pdf_pv_get(info, "/Creator"));
	buf_puts(b, "<?xpacket begin=\"\xef\xbb\xbf\" "
	    "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/"
	    "22-rdf-syntax-ns#\">\n"
	    "  <rdf:Description rdf:about=\"\"\n"
	    "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	    "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	    "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	    "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
	    "   <dc:format>application/pdf</dc:format>\n"
	    "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	buf_put_xml(b, title);
	buf_puts(b, "</rdf:li></rdf:Alt></dc:title>\n"
	    "   <dc:creator><rdf:Seq>");
	/* The creators as given; else the Info /Author, a comma-separated
	 * list. */
	for (i = 0; i < p->pp->ncreators; i++) {
		buf_puts(b, "<rdf:li>");
		buf_put_xml(b, p->pp->creators[i]);
		buf_puts(b, "</rdf:li>");
	}
	for (s = p->pp->ncreators > 0 ? NULL : author; s != NULL &&
	    *s != '\0'; s = e) {
		if ((e = strstr(s, ", ")) != NULL) {
			*e = '\0';
			e += 2;
		}
		buf_puts(b, "<rdf:li>");
		buf_put_xml(b, s);
		buf_puts(b, "</rdf:li>");
	}
	buf_puts(b, "</rdf:Seq></dc:creator>\n"
	    "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	buf_put_xml(b, subject);
	buf_puts(b, "</rdf:li></rdf:Alt></dc:description>\n"
	    "   <dc:language><rdf:Bag><rdf:li>");
	buf_put_xml(b, p->pp->lang);
	buf_puts(b, "</rdf:li></rdf:Bag></dc:language>\n"
	    "   <pdf:Keywords>");
	buf_put_xml(b, keywords);
	buf_puts(b, "</pdf:Keywords>\n   <pdf:Producer>");
	buf_put_xml(b, producer);
	buf_puts(b, "</pdf:Producer>\n   <xmp:CreatorTool>");
	buf_put_xml(b, creator);
	buf_printf(b, "</xmp:CreatorTool>\n"
	    "   <xmp:CreateDate>%sZ</xmp:CreateDate>\n"
	    "   <xmp:ModifyDate>%sZ</xmp:ModifyDate>\n"
	    "   <xmp:MetadataDate>%sZ</xmp:MetadataDate>\n"
	    "   <pdfuaid:part>1</pdfuaid:part>\n"
	    "  </rdf:Description>\n"
	    " </rdf:RDF>\n"
	    "</x:xmpmeta>\n"
	    "<?xpacket end=\"w\"?>", p->pp->date, p->pp->date, p->pp->date);
	free(title);
	free(author);
	free(subject);
	free(keywords);
	free(producer);
	free(creator);
}

/* Collects the pages of the page tree node num in order into *pages. */
static int
post_page_list(struct post *p, long num, long **pages, size_t *npages,
    int depth)
{
	struct pv	*n, *kids;
	size_t		 i;

	if ((n = pdf_post_obj(p, num)) == NULL)
		return 0;
	if (depth > POST_MAXDEPTH || p->o[num].seen || n->type != PV_DICT)
		return pdf_post_fail(p, "bad page tree");
	p->o[num].seen = 1;
	if (pdf_pv_is_name(pdf_pv_get(n, "/Type"), "/Page")) {
		*pages = xreallocarray(*pages, *npages + 1, sizeof(**pages));
		(*pages)[(*npages)++] = num;
		return 1;
	}
	if ((kids = pdf_pv_get(n, "/Kids")) == NULL || kids->type != PV_ARR)
		return pdf_post_fail(p, "bad page tree node %ld", num);
	for (i = 0; i < kids->n; i++)
		if (kids->kid[i].type != PV_REF || !post_page_list(p,
		    kids->kid[i].i, pages, npages, depth + 1))
			return pdf_post_fail(p, "bad page tree node %ld", num);
	return 1;
}

/* Returns the index of the first furniture entry of page in the sorted
 * p->art (p->nart if none). */
static size_t
post_art_first(const struct post *p, long page)
{
	size_t	 lo = 0, hi = p->nart, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (p->art[mid].page < page)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Sets the tab order of every page, marks furniture as artifacts in its
 * content and describes its link annotations. */
int
pdf_post_pages(struct post *p, long pages_num)
{
	long		*pages = NULL, key, done;
	size_t		 npages = 0, i, k, link = 0, a, b;
	struct pv	*pg, *c, *annots, *an;
	int		 ok = 0;

	if (!post_page_list(p, pages_num, &pages, &npages, 0))
		goto out;
	for (i = 0; i < npages; i++) {
		pg = p->o[pages[i]].v;
		pdf_pv_put(pg, "/Tabs", xstrdup("/S"));
		pdf_post_edit(p, pages[i]);
		key = pdf_post_int(p, pdf_pv_get(pg, "/StructParents"));
		/* The page's furniture: a run of the sorted p->art. */
		a = post_art_first(p, pages[i]);
		for (b = a; b < p->nart && p->art[b].page == pages[i]; b++)
			;
		if (b > a) {
			done = 0;
			c = pdf_pv_get(pg, "/Contents");
			if (c != NULL && c->type == PV_REF) {
				if ((done = pdf_post_content(p, c->i, pages[i],
				    key)) > 0 && !pdf_post_length(p, c->i))
					goto out;
			} else if (c != NULL && c->type == PV_ARR) {
				for (k = 0; k < c->n && done >= 0; k++) {
					long	 r = -1;

					if (c->kid[k].type == PV_REF &&
					    (r = pdf_post_content(p,
					    c->kid[k].i, pages[i], key)) > 0 &&
					    !pdf_post_length(p, c->kid[k].i))
						goto out;
					done = r < 0 ? -1 : done + r;
				}
			} else
				done = -1;
			if (done < 0)
				goto out;
			if (done != (long)(b - a)) {
				pdf_post_fail(p, "furniture of page %ld not "
				    "found in its content", pages[i]);
				goto out;
			}
		}
		annots = pdf_post_deref(p, pdf_pv_get(pg, "/Annots"));
		if (annots == NULL)
			continue;
		if (annots->type != PV_ARR) {
			pdf_post_fail(p, "bad /Annots on page %ld", pages[i]);
			goto out;
		}
		for (k = 0; k < annots->n; k++) {
			if (annots->kid[k].type != PV_REF ||
			    (an = pdf_post_obj(p, annots->kid[k].i)) == NULL ||
			    an->type != PV_DICT) {
				pdf_post_fail(p, "bad annotation on page %ld",
				    pages[i]);
				goto out;
			}
			if (!pdf_pv_is_name(pdf_pv_get(an, "/Subtype"),
			    "/Link"))
				continue;
			if (link < p->pp->nlinks) {
				pdf_pv_put(an, "/Contents",
				    pdf_pv_text(p->pp->link_text[link]));
				pdf_post_edit(p, annots->kid[k].i);
			}
			link++;
		}
	}
	ok = 1;
out:
	free(pages);
	return ok && p->err == NULL;
}
