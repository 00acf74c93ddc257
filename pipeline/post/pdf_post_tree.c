/*
 * pdf_post_tree.c: the structure tree edits of the post-pass
 * (pdf_post_int.h): the parent tree read, scopes on TH cells, Alt text on
 * Figures, furniture elements taken out, each Caption put into its Table
 * or Figure, and the Notes and floats put among the Document's children
 * where they are read.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "pdf_post.h"
#include "pdf_post_int.h"

/* Reads parent tree node t into p->parr, to depth. */
int
pdf_post_parent_tree(struct post *p, struct pv *t, int depth)
{
	struct pv	*nums, *kids, *a;
	size_t		 i;
	long		 key;

	t = pdf_post_deref(p, t);
	if (t == NULL || t->type != PV_DICT || depth > POST_MAXDEPTH)
		return pdf_post_fail(p, "bad parent tree");
	if ((nums = pdf_post_deref(p, pdf_pv_get(t, "/Nums"))) != NULL) {
		if (nums->type != PV_ARR || nums->n % 2 != 0)
			return pdf_post_fail(p, "bad parent tree /Nums");
		for (i = 0; i < nums->n; i += 2) {
			key = nums->kid[i].isint ? nums->kid[i].i : -1;
			if (key < 0 || key >= POST_MAXOBJ)
				return pdf_post_fail(p, "bad parent tree key");
			if (key >= p->nparr) {
				p->parr = xreallocarray(p->parr,
				    (size_t)key + 1, sizeof(*p->parr));
				memset(p->parr + p->nparr, 0, (size_t)(key +
				    1 - p->nparr) * sizeof(*p->parr));
				p->nparr = key + 1;
			}
			/* Arrays are objects of their own in cairo's
			 * output, so an edit stays inside one. */
			a = &nums->kid[i + 1];
			if (a->type != PV_REF)
				return pdf_post_fail(p, "parent tree entry %ld "
				    "is not a reference", key);
			if ((a = pdf_post_obj(p, nums->kid[i + 1].i)) == NULL)
				return 0;
			pdf_post_edit(p, nums->kid[i + 1].i);
			/* An annotation's entry is its element, not an
			 * array. */
			if (a->type == PV_ARR)
				p->parr[key] = a;
		}
	}
	if ((kids = pdf_post_deref(p, pdf_pv_get(t, "/Kids"))) != NULL) {
		if (kids->type != PV_ARR)
			return pdf_post_fail(p, "bad parent tree /Kids");
		for (i = 0; i < kids->n; i++)
			if (!pdf_post_parent_tree(p, &kids->kid[i], depth + 1))
				return 0;
	}
	return 1;
}

/* Records the marked content of an artifact's /K k (an MCID, a
 * marked-content reference, or an array of them) on page. */
static int
post_art_record(struct post *p, struct pv *k, long page, int depth)
{
	struct pv	*pg, *m;
	size_t		 i;

	k = pdf_post_deref(p, k);
	if (k == NULL || depth > 2)
		return pdf_post_fail(p, "bad artifact element");
	if (k->type == PV_NUM && k->isint) {
		if (page <= 0)
			return pdf_post_fail(p, "artifact without a page");
		p->art = xreallocarray(p->art, p->nart + 1, sizeof(*p->art));
		p->art[p->nart].page = page;
		p->art[p->nart].mcid = k->i;
		p->nart++;
		return 1;
	}
	if (k->type == PV_DICT && (m = pdf_pv_get(k, "/MCID")) != NULL) {
		if ((pg = pdf_pv_get(k, "/Pg")) != NULL && pg->type == PV_REF)
			page = pg->i;
		return post_art_record(p, m, page, depth + 1);
	}
	if (k->type == PV_ARR) {
		for (i = 0; i < k->n; i++)
			if (!post_art_record(p, &k->kid[i], page, depth + 1))
				return 0;
		return 1;
	}
	return pdf_post_fail(p, "artifact content not understood");
}

/* Returns the structure element kid refers to (a reference to a
 * dictionary with /S), or NULL. */
static struct pv *
post_kid_elem(struct post *p, const struct pv *kid)
{
	struct pv	*e;

	if (kid->type != PV_REF)
		return NULL;
	e = pdf_post_obj(p, kid->i);
	return e != NULL && e->type == PV_DICT && pdf_pv_get(e, "/S") != NULL ?
	    e : NULL;
}

/* Returns 1 if every child element in the /K array k is a TH. */
static int
post_all_th(struct post *p, struct pv *k)
{
	struct pv	*e;
	size_t		 i;

	if (k == NULL || k->type != PV_ARR)
		return 1;
	for (i = 0; i < k->n; i++)
		if ((e = post_kid_elem(p, &k->kid[i])) != NULL &&
		    !pdf_pv_is_name(pdf_pv_get(e, "/S"), "/TH"))
			return 0;
	return 1;
}


/*
 * Walks structure element num (child of an element whose children are
 * all TH when all_th): gives TH cells their scope, Figures their
 * alternative text, and takes Private (furniture) elements out, and
 * Notes too when pp->note_order places them, and the floats pp->lift
 * names.  Returns 1 when num is kept, 2 when its parent must drop it, 3
 * when its parent must hand it to p->notes (with its rank in p->take),
 * 0 on error.
 */
static int
post_elem(struct post *p, long num, int all_th, int depth)
{
	struct pv	*e, *s, *pg;
	long		 page = 0, key = -1;

	if ((e = pdf_post_obj(p, num)) == NULL)
		return 0;
	if (p->o[num].seen)
		return pdf_post_fail(p, "element %ld is in the tree twice",
		    num);
	p->o[num].seen = 1;
	if (depth > POST_MAXDEPTH)
		return pdf_post_fail(p, "structure tree too deep");
	s = pdf_pv_get(e, "/S");
	if ((pg = pdf_pv_get(e, "/Pg")) != NULL && pg->type == PV_REF)
		page = pg->i;
	if (pdf_pv_is_name(s, "/" PDF_POST_ART)) {
		p->o[num].drop = 1;
		return post_art_record(p, pdf_pv_get(e, "/K"), page, 0) ? 2 : 0;
	}
	if (pdf_pv_is_name(s, "/Caption") || pdf_pv_is_name(s, "/Figure")) {
		if (p->nlift < p->pp->nlifts &&
		    p->pp->lift[p->nlift] == (long)p->ncapfig)
			key = p->pp->lift_order[p->nlift++];
		p->ncapfig++;
	}
	if (pdf_pv_is_name(s, "/TH")) {
		pdf_pv_put(e, "/A", xasprintf("<< /O /Table /Scope /%s >>",
		    all_th ? "Column" : "Row"));
		pdf_post_edit(p, num);
	}
	if (pdf_pv_is_name(s, "/Figure") && p->figure < p->pp->nfigures) {
		pdf_pv_put(e, "/Alt",
		    pdf_pv_text(p->pp->figure_alt[p->figure]));
		p->figure++;
		pdf_post_edit(p, num);
	}
	if (!pdf_post_kids(p, e, num, depth))
		return 0;
	if (pdf_pv_is_name(s, "/Note") && p->pp->note_order != NULL) {
		if (p->nnote >= p->pp->nnotes)
			return pdf_post_fail(p, "more Note elements than the "
			    "typesetter painted (%zu)", p->pp->nnotes);
		key = p->pp->note_order[p->nnote++];
	}
	if (key < 0)
		return 1;
	p->take = key;
	return 3;
}

/* Takes the element reference kid, of rank p->take, for p->notes. */
static void
post_note_take(struct post *p, const struct pv *kid)
{
	p->notes = xreallocarray(p->notes, p->nnotes + 1, sizeof(*p->notes));
	p->keys = xreallocarray(p->keys, p->nnotes + 1, sizeof(*p->keys));
	p->keys[p->nnotes] = p->take;
	p->notes[p->nnotes++] = *kid;
}

/* Returns 1 if the element kid refers to is of structure type nm. */
static int
post_kid_is(struct post *p, const struct pv *kid, const char *nm)
{
	struct pv	*e = post_kid_elem(p, kid);

	return e != NULL && pdf_pv_is_name(pdf_pv_get(e, "/S"), nm);
}

/*
 * Puts each Caption among the children k (the /K array of element e,
 * object num) that a Table or a Figure follows into that element, as its
 * first child: the typesetter paints a caption as a block of its own,
 * before the table or chart (and a Figure with a child element painted
 * into it would lose its own content in cairo 1.16).  Returns 1 on
 * success.
 */
static int
post_captions(struct post *p, struct pv *e, struct pv *k, long num)
{
	struct pv	*t, *tk;
	struct buf	 b;
	size_t		 i, j, m;

	for (i = j = 0; i < k->n; i++) {
		if (i + 1 < k->n && post_kid_is(p, &k->kid[i], "/Caption") &&
		    (post_kid_is(p, &k->kid[i + 1], "/Table") ||
		    post_kid_is(p, &k->kid[i + 1], "/Figure"))) {
			t = post_kid_elem(p, &k->kid[i + 1]);
			tk = pdf_pv_get(t, "/K");
			buf_init(&b);
			buf_printf(&b, "[ %ld 0 R", k->kid[i].i);
			if (tk != NULL && tk->type == PV_ARR)
				for (m = 0; m < tk->n; m++) {
					buf_putc(&b, ' ');
					pdf_pv_write(&b, &tk->kid[m]);
				}
			else if (tk != NULL && (tk->type == PV_NUM ||
			    post_kid_elem(p, tk) != NULL)) {
				buf_putc(&b, ' ');
				pdf_pv_write(&b, tk);
			} else if (tk != NULL) {
				buf_clear(&b);
				return pdf_post_fail(p, "element %ld: /K not "
				    "understood", k->kid[i + 1].i);
			}
			buf_puts(&b, " ]");
			pdf_pv_put(t, "/K", buf_take(&b));
			pdf_post_edit(p, k->kid[i + 1].i);
			pdf_pv_put(post_kid_elem(p, &k->kid[i]), "/P",
			    xasprintf("%ld 0 R", k->kid[i + 1].i));
			pdf_post_edit(p, k->kid[i].i);
			continue;
		}
		if (i != j)
			k->kid[j] = k->kid[i];
		j++;
	}
	if (j != k->n) {
		k->n = j;
		k->dirty = 1;
		e->dirty = 1;
		pdf_post_edit(p, num);
	}
	return 1;
}

/* The element kids of the Document element and their logical ranks,
 * sorted by post_order(). */
struct post_kid {
	struct pv	 v;
	long		 key;
	size_t		 at;		/* painting order: keeps the sort
					   stable */
};

static int
post_kid_cmp(const void *a, const void *b)
{
	const struct post_kid	*x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/*
 * Puts the elements taken out of the tree (p->notes: Notes and floats)
 * among the children k of the Document element (object num), sorted
 * kids[0..n) with their ranks: each after the last child of a rank no
 * greater than its own (a Note's: pp->note_order; a float's:
 * pp->lift_order), in painting order among those of one rank.  Returns
 * 1 on success.
 */
static int
post_notes(struct post *p, struct pv *k, const struct post_kid *kids,
    size_t n, long num)
{
	struct post_kid	*notes;
	struct pv	*out;
	size_t		 i, j, m = 0;

	p->notes_placed = 1;
	if ((p->pp->note_order != NULL && p->nnote != p->pp->nnotes) ||
	    p->nlift != p->pp->nlifts)
		return pdf_post_fail(p, "the tree has %zu Note elements and "
		    "%zu floats inside blocks, the typesetter painted %zu and "
		    "%zu", p->nnote, p->nlift, p->pp->nnotes, p->pp->nlifts);
	if (p->nnotes == 0)
		return 1;
	if (n != k->n)
		return pdf_post_fail(p, "the Document element holds content "
		    "beside its elements");
	notes = xcalloc(p->nnotes, sizeof(*notes));
	for (i = 0; i < p->nnotes; i++) {
		notes[i].v = p->notes[i];
		notes[i].key = p->keys[i];
		notes[i].at = i;
		pdf_pv_put(post_kid_elem(p, &p->notes[i]), "/P",
		    xasprintf("%ld 0 R", num));
		pdf_post_edit(p, p->notes[i].i);
	}
	qsort(notes, p->nnotes, sizeof(*notes), post_kid_cmp);
	out = xcalloc(n + p->nnotes, sizeof(*out));
	for (i = j = 0; i < n; i++) {
		while (j < p->nnotes && notes[j].key < kids[i].key)
			out[m++] = notes[j++].v;
		out[m++] = k->kid[i];
	}
	while (j < p->nnotes)
		out[m++] = notes[j++].v;
	free(k->kid);
	k->kid = out;
	k->n = m;
	free(notes);
	return 1;
}

/*
 * Puts the element kids of the Document element e (object num, /K array
 * k) in the logical order pp->doc_order gives them, with the Notes taken
 * out of the tree among them (post_notes()).  Returns 1 on success.
 */
static int
post_order(struct post *p, struct pv *e, struct pv *k, long num)
{
	struct post_kid	*kids;
	size_t		 i, n = 0, m = 0;
	int		 moved = 0;

	for (i = 0; i < k->n; i++)
		if (post_kid_elem(p, &k->kid[i]) != NULL)
			n++;
	if (n != p->pp->ndoc_order)
		return pdf_post_fail(p, "the Document element has %zu "
		    "elements, the typesetter painted %zu", n,
		    p->pp->ndoc_order);
	kids = xcalloc(n + 1, sizeof(*kids));
	for (i = 0; i < k->n; i++)
		if (post_kid_elem(p, &k->kid[i]) != NULL) {
			kids[m].v = k->kid[i];
			kids[m].key = p->pp->doc_order[m];
			kids[m].at = m;
			m++;
		}
	qsort(kids, n, sizeof(*kids), post_kid_cmp);
	for (i = m = 0; i < k->n; i++)
		if (post_kid_elem(p, &k->kid[i]) != NULL) {
			if (kids[m].at != m)
				moved = 1;
			k->kid[i] = kids[m++].v;
		}
	if (!post_notes(p, k, kids, n, num)) {
		free(kids);
		return 0;
	}
	if (p->nnotes > 0)
		moved = 1;
	free(kids);
	if (moved) {
		k->dirty = 1;
		e->dirty = 1;
		pdf_post_edit(p, num);
	}
	return 1;
}

/*
 * Walks the children (/K) of element or tree root e (object num) in
 * order, and drops those that are furniture.  Returns 1 on success.
 */
int
pdf_post_kids(struct post *p, struct pv *e, long num, int depth)
{
	struct pv	*k, *c;
	size_t		 i, j;
	int		 all_th, r;

	if ((k = pdf_pv_get(e, "/K")) == NULL)
		return 1;
	if (k->type == PV_REF) {
		if (post_kid_elem(p, k) == NULL)
			return p->err == NULL;
		if ((r = post_elem(p, k->i, post_all_th(p, NULL),
		    depth + 1)) == 0)
			return 0;
		if (r == 3)
			post_note_take(p, k);
		if (r >= 2) {
			pdf_pv_put(e, "/K", xstrdup("[]"));
			pdf_post_edit(p, num);
		}
		return 1;
	}
	if (k->type != PV_ARR)
		return 1;
	all_th = post_all_th(p, k);
	for (i = j = 0; i < k->n; i++) {
		c = &k->kid[i];
		r = 1;
		if (post_kid_elem(p, c) != NULL &&
		    (r = post_elem(p, c->i, all_th, depth + 1)) == 0)
			return 0;
		if (p->err != NULL)
			return 0;
		if (r == 2) {
			pdf_pv_free(c);
			continue;
		}
		if (r == 3) {
			post_note_take(p, c);
			continue;
		}
		if (i != j)
			k->kid[j] = *c;
		j++;
	}
	if (j != k->n) {
		k->n = j;
		k->dirty = 1;
		e->dirty = 1;
		pdf_post_edit(p, num);
	}
	if (p->pp->ndoc_order > 0 && pdf_pv_is_name(pdf_pv_get(e, "/S"),
	    "/Document") && !post_order(p, e, k, num))
		return 0;
	return post_captions(p, e, k, num);
}
