/*
 * doc_msg.h: the message table of the template parser and the filler.
 * Every diagnostic that tmpl_*.c (the parser and its prose lint),
 * fill_*.c and doc_fill.c print has its wording here, once, under an id:
 * TM_ for the parser, FM_ for the filler.  One list, DOC_MSGS, makes
 *   - for each id a constant array of its format, so that a call site
 *     names the id, tmpl_err(p, line, col, TM_EMPTY_REF), and the
 *     compiler still checks the arguments against the format (gcc and
 *     clang read a constant array's initializer for -Wformat);
 *   - enum doc_msg_id (DOC_MSG_TM_EMPTY_REF, ...) and doc_msgs[], every
 *     id's name and format in list order, for the tests and the docs.
 * A new message is one X(ID, "format") line in its file's group; a
 * wording changes here only.
 * For tmpl_*.c, fill_*.c, doc_fill.c, doc_msg.c and the tests.
 */
#ifndef SCR_DOC_MSG_H
#define SCR_DOC_MSG_H

#define DOC_MSGS(X) \
	/* tmpl_base.c (and fill_ref.c, the same line after 50 errors) */ \
	X(TM_TOO_MANY_ERRORS, \
	    "too many errors; the rest of this file is not checked") \
	X(TM_OVER_LIMIT, \
	    "more than %zu %s in one template (a limit, so that memory stays " \
	    "bounded)") \
	/* tmpl_block.c */ \
	X(TM_ROW_NO_BAR, "bad table row: a row must end with \"|\"") \
	X(TM_ROW_MAX_CELLS, "bad table row: more than %d cells") \
	X(TM_ROW_NCELLS, \
	    "bad table row: %zu cells, but the table's first row has %d") \
	X(TM_ROW_RULE, \
	    "bad table row: a header rule must follow the header rows, once") \
	/* tmpl_cond.c */ \
	X(TM_CHANGE_TEST, \
	    "bad test \"%.*s %.*s\": write \"::: if [region:]NAME rose\", " \
	    "\"fell\", \"unchanged\" or \"comparable\", or \"NAME OP RIGHT\"") \
	X(TM_CHANGE_TEST_FIGURE, \
	    "bad figure \"%.*s\" in test: \"%s\" compares the current period " \
	    "with the one before") \
	X(TM_BAD_TEST, \
	    "bad test \"%.*s\": write \"::: if [region:]NAME OP N\", " \
	    "\"N%%\", \"[half] [region:]OTHER\" with OP one of = != < <= > >=") \
	X(TM_TEST_NAME, "bad figure name \"%.*s\" in test") \
	X(TM_TEST_OP, "unknown comparison \"%.*s\" (= != < <= > >=)") \
	X(TM_TEST_NUMBER, \
	    "bad number \"%.*s\" in test (0 to 100%% for a percentage)") \
	X(TM_UNKNOWN_BLOCK_SUGGEST, \
	    "unknown block \"::: %s\"; did you mean \"%s\"?") \
	X(TM_UNKNOWN_BLOCK, "unknown block \"::: %s\" (%s)") \
	X(TM_EARLIER_LABEL, \
	    "bad period label \"%.*s\" in \"::: earlier LABEL\" (letters, " \
	    "digits and -)") \
	X(TM_CLOSES_NO_BLOCK, "\":::\" closes no block") \
	X(TM_IF_NO_TEST, \
	    "\"::: if\" needs a test, e.g. \"::: if region:deaths > 0\"") \
	X(TM_TOO_DEEP, "blocks nested deeper than %d") \
	/* tmpl_directive.c */ \
	X(TM_BAD_LABEL, "bad label \"%.*s\" (letters, digits, - and _)") \
	X(TM_PERIODS_ARGS, \
	    "@periods takes nothing after it (a @chart of the table may " \
	    "follow)") \
	X(TM_PERIODS_NO_TABLE, \
	    "@periods must follow the table it sets across the periods") \
	X(TM_PERIODS_TWICE, "@periods twice for one table") \
	X(TM_PERIODS_COLS, \
	    "@periods sets a table of two columns (a label, then a figure) " \
	    "across the periods; the table above has %d") \
	X(TM_TREND_NO_NAMES, \
	    "@trend needs the national figures it draws: @trend " \
	    "NAME[,NAME...] [CAPTION]") \
	X(TM_TREND_NAME, "bad figure name \"%.*s\" in @trend") \
	X(TM_TABLE_NO_CAPTION, "@table needs its caption (@table [#LABEL] TEXT)") \
	X(TM_CHART_NO_TABLE, "@chart must follow the table it draws") \
	X(TM_UNKNOWN_DIRECTIVE, "unknown directive \"%.*s\" (%s)") \
	/* tmpl_inline.c */ \
	X(TM_EARLIER_REF, \
	    "a reference to an earlier period needs " \
	    "{earlier:LABEL:NAME[:STYLE]}") \
	X(TM_PERIOD_LABEL, "bad period label \"%.*s\" (letters, digits and -)") \
	X(TM_FORMS_COUNT, \
	    "a reference with forms needs {NAME|WORDS}, {NAME|ONE|OTHER} or " \
	    "{NAME|ZERO|ONE|OTHER}, not %zu forms") \
	X(TM_FORMS_EMPTY, \
	    "every form of {%.*s} is empty, so it would print nothing: give " \
	    "each form its words, {NAME|ONE|OTHER}") \
	X(TM_REF_PARTS, "too many parts in reference {%.*s}") \
	X(TM_REF_NAME, "bad name \"%.*s\" in reference {%.*s}") \
	X(TM_NATIONAL_REF, \
	    "national reference needs {national:[STUDY:]NAME[:STYLE]}") \
	X(TM_XREF, "cross reference needs {ref:LABEL}") \
	X(TM_REPORT_REF, "report reference needs {report:FIELD}") \
	X(TM_EMPTY_REF, "empty reference {}") \
	X(TM_FORMS_NO_CHANGE, \
	    "forms (|...) do not follow a change: guard its sentence with " \
	    "\"::: if NAME rose\", \"fell\" or \"unchanged\"") \
	X(TM_FIGURE_REF, "figure reference needs {%sNAME[:STYLE]}") \
	X(TM_FORMS_NOT_LEDGER, \
	    "forms (|...) follow only a figure of the ledger, not {%.*s}") \
	X(TM_UNCLOSED_REF, "unclosed reference: \"{\" without \"}\"") \
	X(TM_EMPTY_STRONG, "empty strong emphasis ****") \
	X(TM_STRAY_BRACE, "\"}\" without \"{\" (write \\} for a brace)") \
	X(TM_UNCLOSED_STRONG, \
	    "unclosed strong emphasis: \"**\" without a closing \"**\"") \
	X(TM_EMPTY_BLOCK, "empty %s") \
	/* tmpl_lint.c */ \
	X(TM_LINT_QUANTITY, \
	    "quantity \"%.*s\" typed as text: write it from a figure, or " \
	    "mark it fixed ({=...} or \"::: fixed\")") \
	/* tmpl_parse.c */ \
	X(TM_HEADING_LEVEL, "heading level %d; the deepest is ####") \
	X(TM_FOOTNOTE_TWICE, "footnote [^%.*s] defined twice (first at line %d)") \
	X(TM_BAD_UTF8, "invalid UTF-8 byte 0x%02x") \
	X(TM_CONTROL_CHAR, "control character 0x%02x") \
	X(TM_FOOTNOTE_UNDEFINED_SUGGEST, \
	    "footnote [^%s] is not defined; did you mean [^%s]?") \
	X(TM_FOOTNOTE_UNDEFINED, \
	    "footnote [^%s] is not defined (add a line \"[^%s]: text\")") \
	X(TM_FOOTNOTE_UNUSED, "footnote [^%s] is never referenced") \
	X(TM_FOOTNOTES_UNUSED_MORE, "%zu more footnotes are never referenced") \
	X(TM_NUL_BYTE, "NUL byte in template") \
	X(TM_UNCLOSED_BLOCK, \
	    "unclosed block \"::: %s\": no \":::\" before the end of the file") \
	X(TM_LINT_MORE, "%d more prose warnings not shown") \
	X(TM_CANNOT_READ, "cannot read template: %s") \
	X(TM_TOO_LARGE, "template larger than %d MiB") \
	/* fill_chart.c */ \
	X(FM_CHART_NO_TABLE, \
	    "@chart draws the table just above it, and there is none") \
	X(FM_CHART_SERIES, \
	    "@chart draws 1 to %d series (the table's columns after the " \
	    "first); the table above has %d") \
	X(FM_CHART_NEGATIVE, \
	    "@chart cannot draw the negative value \"%s\" as a bar") \
	X(FM_CHART_NOT_NUMBER, "@chart cannot draw \"%s\": not a number (or [c])") \
	X(FM_CHART_NO_HEADER, \
	    "@chart needs a header row naming the series in the table above") \
	X(FM_CHART_CATEGORIES, \
	    "@chart draws 1 to %d categories (the table's body rows); the " \
	    "table above has %d") \
	X(FM_CHART_MIXED, \
	    "@chart cannot draw percentages and counts on one axis: the " \
	    "table above mixes them") \
	/* fill_number.c */ \
	X(FM_FNREF_IN_FOOTNOTE, "footnote reference inside a footnote") \
	X(FM_FOOTNOTE_LEFT_OUT, \
	    "footnote [^%s] is defined only in a block this paper leaves out") \
	X(FM_XREF_UNKNOWN, \
	    "unknown label in {ref:%s}: no @table, @chart or @boards has #%s") \
	X(FM_TABLE_NOT_BEFORE, "@table must come just before the table it captions") \
	X(FM_LABEL_TWICE, "label #%s is used twice (also at line %d)") \
	X(FM_XREF_NOT_SHOWN, \
	    "{ref:%s} refers to a table or chart this paper does not show") \
	/* fill_period.c */ \
	X(FM_NO_EARLIER, \
	    "no period before the current one: report.yaml declares no " \
	    "earlier period (put what compares periods in a \"::: earlier\" " \
	    "block)") \
	X(FM_UNKNOWN_EARLIER, \
	    "unknown earlier period \"%s\" (report.yaml declares %s; a block " \
	    "\"::: earlier %s\" shows only when it does)") \
	X(FM_CHANGE_STYLE, \
	    "a change of %s \"%s\" is printed %s, not in style \"%s\"") \
	X(FM_PERIODS_HEADER_CELL, \
	    "a @periods table leaves its header's second cell empty: the " \
	    "periods' labels go there") \
	X(FM_PERIODS_CELL, \
	    "a @periods table's second column holds one figure {NAME} or " \
	    "{region:NAME} a row, which it sets across the periods") \
	X(FM_PERIODS_NO_HEADER, \
	    "a @periods table needs a header row (its second cell empty) for " \
	    "the periods' labels") \
	/* fill_ref.c */ \
	X(FM_UNKNOWN_SUGGEST, "unknown %s \"%s\"%s; did you mean \"%s\"?") \
	X(FM_UNKNOWN, "unknown %s \"%s\"%s") \
	X(FM_STYLE_SUGGEST, "unknown style \"%s\"; did you mean \"%s\"?") \
	X(FM_STYLE, "unknown style \"%s\" (percent, digits, words or approx)") \
	X(FM_STUDY_NO_CHILDREN, "national study \"%s\" gives no number of children") \
	X(FM_STUDY_STYLE, \
	    "a style applies to national figures, not to the study's %s") \
	X(FM_NATIONAL_STYLE, \
	    "style \"%s\" does not apply to national figures (percent or " \
	    "digits)") \
	X(FM_COUNT_NO_PERCENT, \
	    "figure \"%s\" is a count: it has no percentage to test") \
	/* fill_trend.c */ \
	X(FM_TREND_COUNT, "@trend draws 1 to %d figures, not %zu") \
	/* doc_fill.c */ \
	X(FM_EMPTY_PAPER, "the paper would be empty: the template has no text%s")

/* Each id's format, named by the id.  Built with optimisation (-O1 and
 * up), a file keeps only the ones it names; at -O0 each file that
 * includes this keeps all of them, some 7 KB. */
#define DOC_MSG_FORMAT(id, fmt)	static const char id[] = fmt;
DOC_MSGS(DOC_MSG_FORMAT)
#undef DOC_MSG_FORMAT

enum doc_msg_id {
#define DOC_MSG_ENUM(id, fmt)	DOC_MSG_##id,
	DOC_MSGS(DOC_MSG_ENUM)
#undef DOC_MSG_ENUM
	DOC_MSG__MAX
};

struct doc_msg {
	const char	*name;	/* the id as written, "TM_EMPTY_REF" */
	const char	*fmt;	/* its printf format, as printed */
};

/* Every message, indexed by enum doc_msg_id. */
extern const struct doc_msg doc_msgs[DOC_MSG__MAX];

#endif
