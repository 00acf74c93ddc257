/*
 * doc_msg.c: the table of the template and fill diagnostics (doc_msg.h),
 * for the tests and the docs; the call sites use the ids directly.
 */

#include "doc_msg.h"

const struct doc_msg doc_msgs[DOC_MSG__MAX] = {
#define DOC_MSG_ROW(id, fmt)	{ #id, fmt },
	DOC_MSGS(DOC_MSG_ROW)
#undef DOC_MSG_ROW
};
