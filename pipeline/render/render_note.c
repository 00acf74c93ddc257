/*
 * render_note.c: the PDF back end's footnotes, measured.  Every footnote
 * of the document is measured once, in number order, and each text of
 * the flow marks the first mention of its footnotes and adds their
 * heights to its lines, for the page breaker (render_layout.c).
 */
#include <stdio.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "util.h"
#include "doc.h"
#include "render_int.h"

/* Returns the measured footnote for def, or NULL. */
struct rndr_note *
rndr_note_find(struct rndr *p, const struct doc_node *def)
{
	size_t	 i;

	/* Footnotes are numbered 1, 2, ... in the order of their first
	 * reference; each usually sits at its number's place (issue 13.14:
	 * no search a marker). */
	i = def->type == DOC_FOOTNOTE ? (size_t)def->as.footnote.number : 0;
	if (i >= 1 && i <= p->nnotes && p->notes[i - 1].def == def)
		return &p->notes[i - 1];
	for (i = 0; i < p->nnotes; i++)
		if (p->notes[i].def == def)
			return &p->notes[i];
	return NULL;
}

/* Measures every footnote of the document, in number order. */
void
rndr_measure_notes(struct rndr *p)
{
	struct doc_node	*n;
	struct rndr_note	*note;
	char		 num[16];

	for (n = p->doc->root->first_child; n != NULL; n = n->next) {
		if (n->type != DOC_FOOTNOTE || n->as.footnote.number == 0)
			continue;
		p->notes = xreallocarray(p->notes, p->nnotes + 1,
		    sizeof(*p->notes));
		note = &p->notes[p->nnotes++];
		memset(note, 0, sizeof(*note));
		note->def = n;
		snprintf(num, sizeof(num), "%d", n->as.footnote.number);
		rndr_text_make(p, &note->label, NULL, num, 0, PDF_NOTE_PT, 0,
		    PANGO_ALIGN_LEFT);
		rndr_text_make(p, &note->text, n, NULL,
		    PDF_BODY_W - PDF_NOTE_INDENT, PDF_NOTE_PT, 0,
		    PANGO_ALIGN_LEFT);
		note->height = note->text.height + PDF_NOTE_GAP;
		rndr_text_shed(p, &note->label);
		rndr_text_shed(p, &note->text);
		/* One taller than half a page continues at the foot of the
		 * next (issue 13.9; render_layout.c). */
	}
}

/* Marks which markers are their footnote's first mention and adds the
 * footnote heights to notes[] by line.  Texts come here in flow order,
 * so a footnote's first marker is the first one met (issue 13.14: no
 * search of the earlier blocks a marker). */
void
rndr_note_lines(struct rndr *p, struct rndr_text *t, double *notes, int line0,
    int per_row)
{
	struct rndr_note	*note;
	size_t		 r;

	for (r = 0; r < t->nrefs; r++) {
		if (t->refs[r].def == NULL ||
		    (note = rndr_note_find(p, t->refs[r].def)) == NULL ||
		    note->mentioned)
			continue;
		note->mentioned = 1;
		t->refs[r].first = 1;
		notes[per_row ? line0 : line0 + t->refs[r].line] +=
		    note->height;
	}
}
