/*
 * post_qpdf.c: the reference post-pass for the tests, the qpdf-based
 * implementation pipeline/post/pdf_post.c had until it stopped rewriting the
 * whole file.  tests/unit/test_pdf_post.c runs both on the same cairo
 * output and compares the structure trees, text and metadata they give.
 * Not part of the program: only the test binary links it (and libqpdf).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qpdf/qpdf-c.h>

#include "util.h"
#include "pdf_post.h"

/* A marked-content sequence that belongs to page furniture. */
struct post_mc {
	int	 page;		/* object id of its page */
	int	 mcid;
};

struct post {
	qpdf_data		 q;
	const struct pdf_post	*pp;
	size_t			 figure;	/* next Figure's alt */
	struct post_mc		*art;		/* artifact sequences */
	size_t			 nart;
	int			 depth;		/* structure tree recursion */
	qpdf_oh			*notes;		/* Note elements and floats
						   taken out */
	long			*keys;		/* the rank of each */
	size_t			 nnotes;
	size_t			 nnote;		/* Notes of them */
	size_t			 ncapfig;	/* Captions, Figures walked */
	size_t			 nlift;		/* floats taken out */
	long			 take;		/* rank of the last taken */
};

/* Returns a new copy of the UTF-8 text of Info entry key, or of "" when
 * it is missing; free with free(). */
static char *
post_info(struct post *p, const char *key)
{
	qpdf_oh	 info, v;

	info = qpdf_oh_get_key(p->q, qpdf_get_trailer(p->q), "/Info");
	if (!qpdf_oh_is_dictionary(p->q, info))
		return xstrdup("");
	v = qpdf_oh_get_key(p->q, info, key);
	if (!qpdf_oh_is_string(p->q, v))
		return xstrdup("");
	return xstrdup(qpdf_oh_get_utf8_value(p->q, v));
}

/*
 * Adds the XMP metadata stream to the catalog, from the information
 * dictionary (so the two agree): dc:title, dc:creator, dc:description,
 * dc:language, pdf:Keywords, pdf:Producer, xmp:CreatorTool, the dates
 * and pdfuaid:part 1.
 */
static void
post_xmp(struct post *p, qpdf_oh root)
{
	struct buf	 b;
	char		*title, *author, *subject, *keywords, *producer;
	char		*creator, *a, *s, *e;
	qpdf_oh		 st, dict;
	size_t		 i;

	title = post_info(p, "/Title");
	author = post_info(p, "/Author");
	subject = post_info(p, "/Subject");
	keywords = post_info(p, "/Keywords");
	producer = post_info(p, "/Producer");
	creator = post_info(p, "/Creator");
	buf_init(&b);
	buf_puts(&b, "<?xpacket begin=\"\xef\xbb\xbf\" "
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
	buf_put_xml(&b, title);
	buf_puts(&b, "</rdf:li></rdf:Alt></dc:title>\n"
	    "   <dc:creator><rdf:Seq>");
	/* The creators as given; else the Info /Author, a comma-separated
	 * list. */
	for (i = 0; i < p->pp->ncreators; i++) {
		buf_puts(&b, "<rdf:li>");
		buf_put_xml(&b, p->pp->creators[i]);
		buf_puts(&b, "</rdf:li>");
	}
	a = p->pp->ncreators > 0 ? NULL : xstrdup(author);
	for (s = a; s != NULL && *s != '\0'; s = e) {
		if ((e = strstr(s, ", ")) != NULL) {
			*e = '\0';
			e += 2;
		}
		buf_puts(&b, "<rdf:li>");
		buf_put_xml(&b, s);
		buf_puts(&b, "</rdf:li>");
	}
	free(a);
	buf_puts(&b, "</rdf:Seq></dc:creator>\n"
	    "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	buf_put_xml(&b, subject);
	buf_puts(&b, "</rdf:li></rdf:Alt></dc:description>\n"
	    "   <dc:language><rdf:Bag><rdf:li>");
	buf_put_xml(&b, p->pp->lang);
	buf_puts(&b, "</rdf:li></rdf:Bag></dc:language>\n"
	    "   <pdf:Keywords>");
	buf_put_xml(&b, keywords);
	buf_puts(&b, "</pdf:Keywords>\n   <pdf:Producer>");
	buf_put_xml(&b, producer);
	buf_puts(&b, "</pdf:Producer>\n   <xmp:CreatorTool>");
	buf_put_xml(&b, creator);
	buf_printf(&b, "</xmp:CreatorTool>\n"
	    "   <xmp:CreateDate>%sZ</xmp:CreateDate>\n"
	    "   <xmp:ModifyDate>%sZ</xmp:ModifyDate>\n"
	    "   <xmp:MetadataDate>%sZ</xmp:MetadataDate>\n"
	    "   <pdfuaid:part>1</pdfuaid:part>\n"
	    "  </rdf:Description>\n"
	    " </rdf:RDF>\n"
	    "</x:xmpmeta>\n"
	    "<?xpacket end=\"w\"?>", p->pp->date, p->pp->date, p->pp->date);

	st = qpdf_oh_new_stream(p->q);
	qpdf_oh_replace_stream_data(p->q, st, (const unsigned char *)b.data,
	    b.len, qpdf_oh_new_null(p->q), qpdf_oh_new_null(p->q));
	dict = qpdf_oh_get_dict(p->q, st);
	qpdf_oh_replace_key(p->q, dict, "/Type",
	    qpdf_oh_new_name(p->q, "/Metadata"));
	qpdf_oh_replace_key(p->q, dict, "/Subtype",
	    qpdf_oh_new_name(p->q, "/XML"));
	qpdf_oh_replace_key(p->q, root, "/Metadata", st);
	buf_clear(&b);
	free(title);
	free(author);
	free(subject);
	free(keywords);
	free(producer);
	free(creator);
}

/* Sets the information dictionary's dates in the D: form, from
 * pp->date ("YYYY-MM-DDThh:mm:ss", UTC). */
static void
post_dates(struct post *p)
{
	const char	*d = p->pp->date;
	char		*s;

	if (strlen(d) < 19)
		return;
	s = xasprintf("D:%.4s%.2s%.2s%.2s%.2s%.2sZ", d, d + 5, d + 8,
	    d + 11, d + 14, d + 17);
	qpdf_set_info_key(p->q, "/CreationDate", s);
	qpdf_set_info_key(p->q, "/ModDate", s);
	free(s);
}

/* Records the marked content of artifact element e (its /K: an MCID, a
 * marked-content reference, or an array of them) for removal. */
static void
post_art_record(struct post *p, qpdf_oh e, qpdf_oh k, int page)
{
	qpdf_oh	 pg;
	int	 i, n;

	if (qpdf_oh_is_integer(p->q, k)) {
		p->art = xreallocarray(p->art, p->nart + 1, sizeof(*p->art));
		p->art[p->nart].page = page;
		p->art[p->nart].mcid = qpdf_oh_get_int_value_as_int(p->q, k);
		p->nart++;
	} else if (qpdf_oh_is_dictionary(p->q, k) &&
	    qpdf_oh_has_key(p->q, k, "/MCID")) {
		pg = qpdf_oh_get_key(p->q, k, "/Pg");
		if (qpdf_oh_is_indirect(p->q, pg))
			page = qpdf_oh_get_object_id(p->q, pg);
		post_art_record(p, e, qpdf_oh_get_key(p->q, k, "/MCID"),
		    page);
	} else if (qpdf_oh_is_array(p->q, k)) {
		n = qpdf_oh_get_array_n_items(p->q, k);
		for (i = 0; i < n; i++)
			post_art_record(p, e, qpdf_oh_get_array_item(p->q,
			    k, i), page);
	}
}

/* Returns 1 if every child element of table row tr is a TH. */
static int
post_all_th(struct post *p, qpdf_oh tr)
{
	qpdf_oh	 k, c;
	int	 i, n;

	k = qpdf_oh_get_key(p->q, tr, "/K");
	if (!qpdf_oh_is_array(p->q, k))
		return 1;
	n = qpdf_oh_get_array_n_items(p->q, k);
	for (i = 0; i < n; i++) {
		c = qpdf_oh_get_array_item(p->q, k, i);
		if (qpdf_oh_is_dictionary(p->q, c) &&
		    qpdf_oh_has_key(p->q, c, "/S") &&
		    !qpdf_oh_is_name_and_equals(p->q,
		    qpdf_oh_get_key(p->q, c, "/S"), "/TH"))
			return 0;
	}
	return 1;
}

/*
 * Puts the element kids of the Document's /K array k in the order of
 * pp->doc_order (stable; a plain insertion sort: a test's sizes).
 */
static void
post_order(struct post *p, qpdf_oh e, qpdf_oh k)
{
	qpdf_oh	*v;
	long	*key, tk;
	int	*at, i, j, n, m = 0, ta;
	qpdf_oh	 tv;

	n = qpdf_oh_get_array_n_items(p->q, k);
	v = xcalloc((size_t)n + 1, sizeof(*v));
	key = xcalloc((size_t)n + 1, sizeof(*key));
	at = xcalloc((size_t)n + 1, sizeof(*at));
	for (i = 0; i < n; i++) {
		tv = qpdf_oh_get_array_item(p->q, k, i);
		if (!qpdf_oh_is_dictionary(p->q, tv) ||
		    !qpdf_oh_has_key(p->q, tv, "/S"))
			continue;
		if ((size_t)m >= p->pp->ndoc_order)
			break;
		v[m] = tv;
		key[m] = p->pp->doc_order[m];
		at[m] = i;
		m++;
	}
	for (i = 1; i < m; i++)
		for (j = i; j > 0 && key[j - 1] > key[j]; j--) {
			tk = key[j]; key[j] = key[j - 1]; key[j - 1] = tk;
			tv = v[j]; v[j] = v[j - 1]; v[j - 1] = tv;
		}
	for (i = 0; i < m; i++) {
		ta = at[i];
		qpdf_oh_set_array_item(p->q, k, ta, v[i]);
	}
	if (p->nnotes > 0 && m == n) {
		/* The Notes and floats, each after the last element of a
		 * rank no greater than its own, in painting order. */
		qpdf_oh		 out;
		size_t		 a, b, c, *ord;

		ord = xcalloc(p->nnotes, sizeof(*ord));
		for (a = 0; a < p->nnotes; a++) {
			for (c = a; c > 0 && p->keys[ord[c - 1]] >
			    p->keys[a]; c--)
				ord[c] = ord[c - 1];
			ord[c] = a;
		}
		out = qpdf_oh_new_array(p->q);
		for (i = 0, b = 0; i < m; i++) {
			while (b < p->nnotes && p->keys[ord[b]] < key[i])
				qpdf_oh_append_item(p->q, out,
				    p->notes[ord[b++]]);
			qpdf_oh_append_item(p->q, out, v[i]);
		}
		while (b < p->nnotes)
			qpdf_oh_append_item(p->q, out, p->notes[ord[b++]]);
		for (a = 0; a < p->nnotes; a++)
			qpdf_oh_replace_key(p->q, p->notes[a], "/P", e);
		qpdf_oh_replace_key(p->q, e, "/K", out);
		free(ord);
	}
	free(v);
	free(key);
	free(at);
}

/* Takes element o, of rank p->take, out to p->notes. */
static void
post_take(struct post *p, qpdf_oh o)
{
	p->notes = xreallocarray(p->notes, p->nnotes + 1, sizeof(*p->notes));
	p->keys = xreallocarray(p->keys, p->nnotes + 1, sizeof(*p->keys));
	p->keys[p->nnotes] = p->take;
	p->notes[p->nnotes++] = o;
}

/* Returns 1 if o is a structure element of type nm. */
static int
post_is(struct post *p, qpdf_oh o, const char *nm)
{
	return qpdf_oh_is_dictionary(p->q, o) && qpdf_oh_has_key(p->q, o,
	    "/S") && qpdf_oh_is_name_and_equals(p->q, qpdf_oh_get_key(p->q,
	    o, "/S"), nm);
}

/* Puts each Caption of the /K array k that a Table or Figure follows
 * into that element, as its first child. */
static void
post_captions(struct post *p, qpdf_oh k)
{
	qpdf_oh	 c, t, tk, arr;
	int	 i, n;

	n = qpdf_oh_get_array_n_items(p->q, k);
	for (i = 0; i + 1 < n; ) {
		c = qpdf_oh_get_array_item(p->q, k, i);
		t = qpdf_oh_get_array_item(p->q, k, i + 1);
		if (!post_is(p, c, "/Caption") || !(post_is(p, t, "/Table") ||
		    post_is(p, t, "/Figure"))) {
			i++;
			continue;
		}
		tk = qpdf_oh_get_key(p->q, t, "/K");
		if (qpdf_oh_is_array(p->q, tk))
			qpdf_oh_insert_item(p->q, tk, 0, c);
		else {
			arr = qpdf_oh_new_array(p->q);
			qpdf_oh_append_item(p->q, arr, c);
			if (!qpdf_oh_is_null(p->q, tk))
				qpdf_oh_append_item(p->q, arr, tk);
			qpdf_oh_replace_key(p->q, t, "/K", arr);
		}
		qpdf_oh_replace_key(p->q, c, "/P", t);
		qpdf_oh_erase_item(p->q, k, i);
		n--;
	}
}

/*
 * Walks the structure element e (child of parent): gives TH cells their
 * scope (Column in a row of header cells, Row otherwise), Figures their
 * alternative text, and takes Artifact elements out of the tree, and
 * Notes when pp->note_order places them.  Returns 1 if e is an artifact
 * its parent must drop, 2 if a Note its parent must hand to p->notes.
 */
static int
post_elem(struct post *p, qpdf_oh e, qpdf_oh parent)
{
	qpdf_oh	 s, k, c, pg;
	int	 i, n, r, page = 0;
	long	 key = -1;
	char	*scope;

	if (!qpdf_oh_is_dictionary(p->q, e) ||
	    !qpdf_oh_has_key(p->q, e, "/S") || p->depth > 64)
		return 0;
	s = qpdf_oh_get_key(p->q, e, "/S");
	k = qpdf_oh_get_key(p->q, e, "/K");
	if (qpdf_oh_is_name_and_equals(p->q, s, "/" PDF_POST_ART)) {
		pg = qpdf_oh_get_key(p->q, e, "/Pg");
		if (qpdf_oh_is_indirect(p->q, pg))
			page = qpdf_oh_get_object_id(p->q, pg);
		post_art_record(p, e, k, page);
		return 1;
	}
	if (qpdf_oh_is_name_and_equals(p->q, s, "/Caption") ||
	    qpdf_oh_is_name_and_equals(p->q, s, "/Figure")) {
		if (p->nlift < p->pp->nlifts &&
		    p->pp->lift[p->nlift] == (long)p->ncapfig)
			key = p->pp->lift_order[p->nlift++];
		p->ncapfig++;
	}
	if (qpdf_oh_is_name_and_equals(p->q, s, "/TH")) {
		scope = xasprintf("<< /O /Table /Scope /%s >>",
		    post_all_th(p, parent) ? "Column" : "Row");
		qpdf_oh_replace_key(p->q, e, "/A", qpdf_oh_parse(p->q,
		    scope));
		free(scope);
	}
	if (qpdf_oh_is_name_and_equals(p->q, s, "/Figure") &&
	    p->figure < p->pp->nfigures) {
		qpdf_oh_replace_key(p->q, e, "/Alt",
		    qpdf_oh_new_unicode_string(p->q,
		    p->pp->figure_alt[p->figure]));
		p->figure++;
	}
	p->depth++;
	if (qpdf_oh_is_array(p->q, k)) {
		n = qpdf_oh_get_array_n_items(p->q, k);
		for (i = 0; i < n; ) {
			c = qpdf_oh_get_array_item(p->q, k, i);
			if ((r = post_elem(p, c, e)) != 0) {
				if (r == 2)
					post_take(p, c);
				qpdf_oh_erase_item(p->q, k, i);
				n--;
			} else
				i++;
		}
	} else if ((r = post_elem(p, k, e)) != 0) {
		if (r == 2)
			post_take(p, k);
		qpdf_oh_replace_key(p->q, e, "/K", qpdf_oh_new_array(p->q));
	}
	if (qpdf_oh_is_name_and_equals(p->q, s, "/Document") &&
	    p->pp->ndoc_order > 0 && qpdf_oh_is_array(p->q, k))
		post_order(p, e, k);
	k = qpdf_oh_get_key(p->q, e, "/K");
	if (qpdf_oh_is_array(p->q, k))
		post_captions(p, k);
	p->depth--;
	if (qpdf_oh_is_name_and_equals(p->q, s, "/Note") &&
	    p->pp->note_order != NULL && p->nnote < p->pp->nnotes)
		key = p->pp->note_order[p->nnote++];
	if (key < 0)
		return 0;
	p->take = key;
	return 2;
}

/* Returns the array of structure elements that parent tree node t maps
 * key to, or a null handle. */
static qpdf_oh
post_parent_find(struct post *p, qpdf_oh t, int key, int depth)
{
	qpdf_oh	 nums, kids, r;
	int	 i, n;

	if (depth > 32 || !qpdf_oh_is_dictionary(p->q, t))
		return qpdf_oh_new_null(p->q);
	nums = qpdf_oh_get_key(p->q, t, "/Nums");
	if (qpdf_oh_is_array(p->q, nums)) {
		n = qpdf_oh_get_array_n_items(p->q, nums);
		for (i = 0; i + 1 < n; i += 2)
			if (qpdf_oh_get_int_value_as_int(p->q,
			    qpdf_oh_get_array_item(p->q, nums, i)) == key)
				return qpdf_oh_get_array_item(p->q, nums,
				    i + 1);
	}
	kids = qpdf_oh_get_key(p->q, t, "/Kids");
	if (qpdf_oh_is_array(p->q, kids)) {
		n = qpdf_oh_get_array_n_items(p->q, kids);
		for (i = 0; i < n; i++) {
			r = post_parent_find(p, qpdf_oh_get_array_item(p->q,
			    kids, i), key, depth + 1);
			if (!qpdf_oh_is_null(p->q, r))
				return r;
		}
	}
	return qpdf_oh_new_null(p->q);
}

/* Returns 1 if MCID mcid on the page with object id page is furniture. */
static int
post_is_art(const struct post *p, int page, int mcid)
{
	size_t	 i;

	for (i = 0; i < p->nart; i++)
		if (p->art[i].page == page && p->art[i].mcid == mcid)
			return 1;
	return 0;
}

/*
 * Rewrites the content stream st of page (object id pid, parent tree
 * entry parr): each furniture sequence "/Private << /MCID n >> BDC"
 * cairo wrote becomes a plain "/Artifact BMC", and its parent tree entry
 * null.
 */
static void
post_content(struct post *p, qpdf_oh st, int pid, qpdf_oh parr)
{
	static const char	 pre[] = "/" PDF_POST_ART " << /MCID ";
	unsigned char		*data = NULL;
	size_t			 len = 0, i = 0, j;
	QPDF_BOOL		 filtered = QPDF_FALSE;
	struct buf		 b;
	int			 mcid, changed = 0;

	if (qpdf_oh_get_stream_data(p->q, st, qpdf_dl_generalized,
	    &filtered, &data, &len) != QPDF_SUCCESS || !filtered) {
		free(data);
		return;
	}
	buf_init(&b);
	while (i < len) {
		if (len - i > sizeof(pre) - 1 &&
		    memcmp(data + i, pre, sizeof(pre) - 1) == 0) {
			j = i + sizeof(pre) - 1;
			mcid = 0;
			while (j < len && data[j] >= '0' && data[j] <= '9')
				mcid = mcid * 10 + (data[j++] - '0');
			if (len - j >= 7 && memcmp(data + j, " >> BDC", 7) == 0 &&
			    post_is_art(p, pid, mcid)) {
				buf_puts(&b, "/Artifact BMC");
				if (qpdf_oh_is_array(p->q, parr) && mcid <
				    qpdf_oh_get_array_n_items(p->q, parr))
					qpdf_oh_set_array_item(p->q, parr,
					    mcid, qpdf_oh_new_null(p->q));
				i = j + 7;
				changed = 1;
				continue;
			}
		}
		buf_putc(&b, (char)data[i++]);
	}
	if (changed)
		qpdf_oh_replace_stream_data(p->q, st,
		    (const unsigned char *)b.data, b.len,
		    qpdf_oh_new_null(p->q), qpdf_oh_new_null(p->q));
	buf_clear(&b);
	free(data);
}

/* Sets the tab order of every page, marks furniture as artifacts in its
 * content and describes its link annotations. */
static void
post_pages(struct post *p, qpdf_oh ptree)
{
	qpdf_oh	 page, c, annots, a, parr;
	int	 i, n, k, na, pid;
	size_t	 link = 0;

	n = qpdf_get_num_pages(p->q);
	for (i = 0; i < n; i++) {
		page = qpdf_get_page_n(p->q, (size_t)i);
		pid = qpdf_oh_get_object_id(p->q, page);
		qpdf_oh_replace_key(p->q, page, "/Tabs",
		    qpdf_oh_new_name(p->q, "/S"));
		parr = qpdf_oh_new_null(p->q);
		if (qpdf_oh_has_key(p->q, page, "/StructParents"))
			parr = post_parent_find(p, ptree,
			    qpdf_oh_get_int_value_as_int(p->q,
			    qpdf_oh_get_key(p->q, page, "/StructParents")), 0);
		c = qpdf_oh_get_key(p->q, page, "/Contents");
		if (qpdf_oh_is_stream(p->q, c))
			post_content(p, c, pid, parr);
		else if (qpdf_oh_is_array(p->q, c))
			for (k = 0; k < qpdf_oh_get_array_n_items(p->q, c); k++)
				post_content(p, qpdf_oh_get_array_item(p->q,
				    c, k), pid, parr);
		annots = qpdf_oh_get_key(p->q, page, "/Annots");
		if (!qpdf_oh_is_array(p->q, annots))
			continue;
		na = qpdf_oh_get_array_n_items(p->q, annots);
		for (k = 0; k < na; k++) {
			a = qpdf_oh_get_array_item(p->q, annots, k);
			if (!qpdf_oh_is_dictionary(p->q, a) ||
			    !qpdf_oh_is_name_and_equals(p->q,
			    qpdf_oh_get_key(p->q, a, "/Subtype"), "/Link"))
				continue;
			if (link < p->pp->nlinks)
				qpdf_oh_replace_key(p->q, a, "/Contents",
				    qpdf_oh_new_unicode_string(p->q,
				    p->pp->link_text[link]));
			link++;
		}
	}
}

/* Returns a new message for qpdf's pending error, or for what. */
static char *
post_error(qpdf_data q, const char *what)
{
	qpdf_error	 e;

	if (qpdf_has_error(q) && (e = qpdf_get_error(q)) != NULL)
		return xasprintf("%s: %s", what,
		    qpdf_get_error_full_text(q, e));
	return xasprintf("%s", what);
}

int	post_qpdf_buffer(const unsigned char *, size_t,
	    const struct pdf_post *, unsigned char **, size_t *, char **);

/* As pdf_post_buffer() (pdf_post.h) once was. */
int
post_qpdf_buffer(const unsigned char *in, size_t inlen,
    const struct pdf_post *pp, unsigned char **out, size_t *outlen,
    char **err)
{
	struct post	 p;
	qpdf_oh		 root, str, ptree;
	int		 ok = 0;

	memset(&p, 0, sizeof(p));
	*out = NULL;
	*outlen = 0;
	*err = NULL;
	p.pp = pp;
	p.q = qpdf_init();
	qpdf_silence_errors(p.q);
	qpdf_set_suppress_warnings(p.q, QPDF_TRUE);
	if (qpdf_read_memory(p.q, "cairo output", (const char *)in,
	    (unsigned long long)inlen, NULL) & QPDF_ERRORS) {
		*err = post_error(p.q, "cannot read cairo's PDF");
		goto out;
	}

	root = qpdf_get_root(p.q);
	qpdf_oh_replace_key(p.q, root, "/Lang",
	    qpdf_oh_new_unicode_string(p.q, pp->lang));
	qpdf_oh_replace_key(p.q, root, "/ViewerPreferences",
	    qpdf_oh_parse(p.q, "<< /DisplayDocTitle true >>"));
	qpdf_oh_replace_key(p.q, root, "/MarkInfo",
	    qpdf_oh_parse(p.q, "<< /Marked true >>"));
	post_dates(&p);
	post_xmp(&p, root);

	str = qpdf_oh_get_key(p.q, root, "/StructTreeRoot");
	ptree = qpdf_oh_get_key(p.q, str, "/ParentTree");
	if (qpdf_oh_is_dictionary(p.q, str)) {
		qpdf_oh k = qpdf_oh_get_key(p.q, str, "/K");
		int i, n;

		if (qpdf_oh_is_array(p.q, k)) {
			n = qpdf_oh_get_array_n_items(p.q, k);
			for (i = 0; i < n; ) {
				if (post_elem(&p, qpdf_oh_get_array_item(p.q,
				    k, i), str)) {
					qpdf_oh_erase_item(p.q, k, i);
					n--;
				} else
					i++;
			}
			/* One root element, the Document. */
			if (n == 1)
				qpdf_oh_replace_key(p.q, str, "/K",
				    qpdf_oh_get_array_item(p.q, k, 0));
		} else
			(void)post_elem(&p, k, str);
	}
	post_pages(&p, ptree);
	if (qpdf_has_error(p.q)) {
		*err = post_error(p.q, "cannot edit cairo's PDF");
		goto out;
	}

	if (qpdf_init_write_memory(p.q) & QPDF_ERRORS) {
		*err = post_error(p.q, "cannot write the PDF");
		goto out;
	}
	qpdf_set_deterministic_ID(p.q, QPDF_TRUE);
	qpdf_set_object_stream_mode(p.q, qpdf_o_generate);
	qpdf_set_compress_streams(p.q, QPDF_TRUE);
	qpdf_set_minimum_pdf_version(p.q, "1.7");
	if (qpdf_write(p.q) & QPDF_ERRORS) {
		*err = post_error(p.q, "cannot write the PDF");
		goto out;
	}
	*outlen = qpdf_get_buffer_length(p.q);
	*out = xmalloc(*outlen > 0 ? *outlen : 1);
	memcpy(*out, qpdf_get_buffer(p.q), *outlen);
	ok = 1;
out:
	free(p.art);
	free(p.notes);
	free(p.keys);
	qpdf_cleanup(&p.q);
	return ok;
}
