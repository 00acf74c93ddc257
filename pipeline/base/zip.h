/*
 * zip.h: a minimal ZIP archive writer (zip.c) for the ODF package of the
 * ODT back end (render_odt.c): entries stored or raw-deflated with zlib,
 * in the order added, every one with the same fixed DOS time (1980-01-01
 * 00:00) and no extra field, so the same entries give the same bytes.
 * No ZIP64: an archive and each entry stay under 4 GiB and 65 535
 * entries.
 * For render_odt.c and the tests.
 */
#ifndef SCR_ZIP_H
#define SCR_ZIP_H

#include <stddef.h>

#include "util.h"

struct zip {
	struct buf	 out;	/* the archive so far: local headers and
				   data */
	struct buf	 cd;	/* the central directory so far */
	size_t		 n;	/* entries */
	int		 failed; /* 1 after an entry could not be added */
};

/* Starts an empty archive in z; release with zip_clear(). */
void	zip_init(struct zip *z);
/* Appends the entry name holding len bytes of data, stored when store is
 * set (as ODF needs its "mimetype" first entry), else deflated.  Returns
 * 0, or -1 when it cannot (too big, a zlib error; the archive then fails
 * in zip_finish()). */
int	zip_add(struct zip *z, const char *name, const void *data,
	    size_t len, int store);
/* Appends the central directory and its end record.  Returns 0 and the
 * archive in z->out, or -1 when an entry failed. */
int	zip_finish(struct zip *z);
/* Frees what z holds. */
void	zip_clear(struct zip *z);

#endif
