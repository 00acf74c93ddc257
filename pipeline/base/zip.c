/*
 * zip.c: a minimal ZIP archive writer (zip.h) over zlib: each entry a
 * local header (no data descriptor: sizes and CRC-32 are known before
 * it is written), then its bytes, stored or raw deflate (zlib's
 * deflateInit2() with -15 window bits); at the end the central directory
 * and its end record.  Fixed DOS time, no extra fields, no comment, made
 * by MS-DOS (no Unix modes), so the bytes depend on the entries only.
 */
#include <limits.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <zlib.h>

#include "util.h"
#include "zip.h"

#define ZIP_DOS_TIME	0x0000		/* 00:00:00 */
#define ZIP_DOS_DATE	0x0021		/* 1980-01-01 */
#define ZIP_VERSION	20		/* 2.0: deflate */
#define ZIP_LIMIT	0xffffffffUL	/* no ZIP64 */

static void
zip_u16(struct buf *b, unsigned v)
{
	buf_putc(b, (char)(v & 0xff));
	buf_putc(b, (char)((v >> 8) & 0xff));
}

static void
zip_u32(struct buf *b, unsigned long v)
{
	zip_u16(b, (unsigned)(v & 0xffff));
	zip_u16(b, (unsigned)((v >> 16) & 0xffff));
}

void
zip_init(struct zip *z)
{
	memset(z, 0, sizeof(*z));
	buf_init(&z->out);
	buf_init(&z->cd);
}

void
zip_clear(struct zip *z)
{
	buf_clear(&z->out);
	buf_clear(&z->cd);
}

/* Deflates len bytes of data raw into a new buffer *outp of *outlen
 * bytes.  Returns 0, or -1 on a zlib error. */
static int
zip_deflate(const void *data, size_t len, unsigned char **outp,
    size_t *outlen)
{
	z_stream	 s;
	unsigned char	*out;
	uLong		 bound;
	int		 rc;

	memset(&s, 0, sizeof(s));
	if (deflateInit2(&s, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	bound = deflateBound(&s, (uLong)len);
	out = xmalloc(bound > 0 ? bound : 1);
	s.next_in = (Bytef *)(uintptr_t)data;
	s.avail_in = (uInt)len;
	s.next_out = out;
	s.avail_out = (uInt)bound;
	rc = deflate(&s, Z_FINISH);
	*outlen = (size_t)s.total_out;
	deflateEnd(&s);
	if (rc != Z_STREAM_END) {
		free(out);
		return -1;
	}
	*outp = out;
	return 0;
}

int
zip_add(struct zip *z, const char *name, const void *data, size_t len,
    int store)
{
	unsigned char	*packed = NULL;
	size_t		 plen, nlen = strlen(name), offset = z->out.len;
	unsigned long	 crc;
	unsigned	 method = store ? 0 : 8;

	if (z->failed || len > UINT_MAX || len > ZIP_LIMIT ||
	    nlen > 0xffff || z->n >= 0xffff || offset > ZIP_LIMIT)
		goto fail;
	crc = crc32(crc32(0L, Z_NULL, 0), (const Bytef *)data, (uInt)len);
	if (store)
		plen = len;
	else if (zip_deflate(data, len, &packed, &plen) != 0)
		goto fail;
	if (plen > ZIP_LIMIT || z->out.len + 30 + nlen + plen > ZIP_LIMIT) {
		free(packed);
		goto fail;
	}

	zip_u32(&z->out, 0x04034b50);	/* local file header */
	zip_u16(&z->out, ZIP_VERSION);	/* version needed */
	zip_u16(&z->out, 0);		/* flags */
	zip_u16(&z->out, method);
	zip_u16(&z->out, ZIP_DOS_TIME);
	zip_u16(&z->out, ZIP_DOS_DATE);
	zip_u32(&z->out, crc);
	zip_u32(&z->out, (unsigned long)plen);
	zip_u32(&z->out, (unsigned long)len);
	zip_u16(&z->out, (unsigned)nlen);
	zip_u16(&z->out, 0);		/* extra field length */
	buf_putn(&z->out, name, nlen);
	buf_putn(&z->out, store ? (const char *)data : (const char *)packed,
	    plen);
	free(packed);

	zip_u32(&z->cd, 0x02014b50);	/* central directory header */
	zip_u16(&z->cd, ZIP_VERSION);	/* made by: MS-DOS, 2.0 */
	zip_u16(&z->cd, ZIP_VERSION);	/* version needed */
	zip_u16(&z->cd, 0);
	zip_u16(&z->cd, method);
	zip_u16(&z->cd, ZIP_DOS_TIME);
	zip_u16(&z->cd, ZIP_DOS_DATE);
	zip_u32(&z->cd, crc);
	zip_u32(&z->cd, (unsigned long)plen);
	zip_u32(&z->cd, (unsigned long)len);
	zip_u16(&z->cd, (unsigned)nlen);
	zip_u16(&z->cd, 0);		/* extra field length */
	zip_u16(&z->cd, 0);		/* comment length */
	zip_u16(&z->cd, 0);		/* disk number */
	zip_u16(&z->cd, 0);		/* internal attributes */
	zip_u32(&z->cd, 0);		/* external attributes */
	zip_u32(&z->cd, (unsigned long)offset);
	buf_putn(&z->cd, name, nlen);
	z->n++;
	return 0;
fail:
	z->failed = 1;
	return -1;
}

int
zip_finish(struct zip *z)
{
	size_t	 at = z->out.len;

	if (z->failed || at + z->cd.len + 22 > ZIP_LIMIT)
		return -1;
	buf_putn(&z->out, z->cd.data, z->cd.len);
	zip_u32(&z->out, 0x06054b50);	/* end of central directory */
	zip_u16(&z->out, 0);		/* this disk */
	zip_u16(&z->out, 0);		/* the directory's disk */
	zip_u16(&z->out, (unsigned)z->n);
	zip_u16(&z->out, (unsigned)z->n);
	zip_u32(&z->out, (unsigned long)z->cd.len);
	zip_u32(&z->out, (unsigned long)at);
	zip_u16(&z->out, 0);		/* comment length */
	return 0;
}
