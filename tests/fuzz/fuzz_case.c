/*
 * fuzz_case.c: libFuzzer entry point for the case loader.  The report and
 * codebook come from input/ (read once); each input is loaded as one case
 * descriptor, which must end in success or diagnostics, never a crash.
 * Build and run with `make fuzz` (clang's -fsanitize=fuzzer).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"
#include "diag.h"
#include "case.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *report, *codebook;
static size_t report_len, codebook_len;

static void
load_once(void)
{
	static int done;

	if (done++)
		return;
	if (file_read_all("input/report.yaml", 1 << 20, &report,
	    &report_len) != 0 || file_read_all("input/codebook.yaml",
	    1 << 20, &codebook, &codebook_len) != 0) {
		fputs("fuzz_case: run from the project root\n", stderr);
		exit(1);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d;
	struct cohort *c;

	load_once();
	diag_init(&d, NULL);
	c = cohort_new();
	case_load_report_buf(c, "report.yaml", report, report_len, &d);
	case_load_codebook_buf(c, "codebook.yaml", codebook, codebook_len, &d);
	case_load_case_buf(c, "case.yaml", (const char *)data, size, &d);
	case_validate_cohort(c, &d);
	cohort_free(c);
	diag_clear(&d);
	return 0;
}
