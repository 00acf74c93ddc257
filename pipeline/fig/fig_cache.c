/*
 * fig_cache.c: the solve cache (fig_cache.h), opt-in with --cache DIR.
 * Each entry is one file, DIR/KEY.solve, KEY the SHA-256 (hex) of
 * everything the solve reads: the format version, the program's own
 * bytes (/proc/self/exe, so a rebuilt program never reads an older
 * program's entries), which solve it is and its settings (threshold,
 * bands, whether London may be hidden), the switches of fig_impl.h, the
 * figure definitions whole, and every ledger handed to the solve whole
 * (counts and any earlier solve's marks).  A case file, report.yaml or
 * figures.yaml that changes what is counted or how it is suppressed
 * changes the key; one that changes nothing the solve reads gives the
 * same solve, rightly.
 *
 * An entry:
 *   "SCRSOLVE"  u32 version  u32 n  key[32]  u32 nvalues[n]
 *   i64 result[sum of nvalues][9]  sha256 of everything before[32]
 * in the machine's byte order (the program's hash ties an entry to one
 * build anyway).  It is written to a temporary file in DIR and renamed
 * into place (file_write_atomic_mode(), mode 0600), so two processes
 * solving the same input at once (make -j) each write whole files and a
 * reader never sees a partial one; it is read whole and used only when
 * its size, magic, version, key, shape and checksum all match, else
 * ignored (with a warning) and solved again.  The cache holds no count,
 * only what the solve decided; it is bounded to FIG_CACHE_MAX entries,
 * the least recently used removed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib.h>

#include "util.h"
#include "fig.h"
#include "fig_impl.h"
#include "fig_cache.h"

struct fig_cache_stats fig_cache_stats;

static char	*cache_dir;		/* NULL: off */
static int	 cache_have_exe;	/* exe_hash is made */
static unsigned char cache_exe[32];	/* SHA-256 of the program */
static int	 cache_said_write;	/* the write warning is out */

#define CACHE_MAGIC	"SCRSOLVE"
#define CACHE_NRES	9		/* result fields a value keeps */
#define CACHE_EXT	".solve"
/* No entry is larger: 2^20 values. */
#define CACHE_MAX_BYTES	((size_t)1 << 27)

/* 1 when SCRPAPER_WORK asks every lookup said on standard error. */
static int
cache_verbose(void)
{
	const char *e = getenv("SCRPAPER_WORK");

	return e != NULL && *e != '\0';
}

/* Creates dir and any missing parent, mode 0700.  Returns 0, or -1
 * with errno set. */
static int
cache_mkdirs(const char *dir)
{
	char *p = xstrdup(dir), *q, was;
	struct stat sb;
	int rc = -1;

	for (q = p + 1; ; q++) {
		if (*q != '/' && *q != '\0')
			continue;
		was = *q;
		*q = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			goto out;
		*q = was;
		if (was == '\0')
			break;
	}
	if (stat(dir, &sb) != 0)
		goto out;
	if (!S_ISDIR(sb.st_mode)) {
		errno = ENOTDIR;
		goto out;
	}
	if (access(dir, W_OK | X_OK) != 0)
		goto out;
	rc = 0;
out:
	free(p);
	return rc;
}

int
fig_cache_open(const char *dir)
{
	free(cache_dir);
	cache_dir = NULL;
	if (dir == NULL)
		return 1;
	if (cache_mkdirs(dir) != 0) {
		fprintf(stderr, "scrpaper: warning: --cache: %s: %s; solving "
		    "without the cache\n", dir, strerror(errno));
		return 0;
	}
	cache_dir = xstrdup(dir);
	return 1;
}

/* Makes cache_exe, the SHA-256 of the running program.  Returns 1, or 0
 * when it cannot be read (the cache is then off, with a warning). */
static int
cache_exe_hash(void)
{
	GChecksum *h;
	char *data;
	size_t len;
	gsize dlen = sizeof(cache_exe);

	if (cache_have_exe)
		return 1;
	if (file_read_all("/proc/self/exe", (size_t)1 << 30, &data,
	    &len) != 0) {
		fprintf(stderr, "scrpaper: warning: --cache: cannot read the "
		    "program itself (/proc/self/exe) to key the cache; "
		    "solving without it\n");
		free(cache_dir);
		cache_dir = NULL;
		return 0;
	}
	h = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(h, (const guchar *)data, (gssize)len);
	g_checksum_get_digest(h, cache_exe, &dlen);
	g_checksum_free(h);
	free(data);
	cache_have_exe = 1;
	return 1;
}

void
fig_cache_salt(const char *salt)
{
	GChecksum *h;
	gsize dlen = sizeof(cache_exe);

	cache_have_exe = 0;
	if (salt == NULL || !cache_exe_hash())
		return;
	h = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(h, cache_exe, sizeof(cache_exe));
	g_checksum_update(h, (const guchar *)salt, (gssize)strlen(salt));
	g_checksum_get_digest(h, cache_exe, &dlen);
	g_checksum_free(h);
}

/* Feeding the key: every item with its size or a tag before it, so that
 * no two different inputs give the same stream. */
static void
key_long(GChecksum *h, long x)
{
	int64_t v = (int64_t)x;

	g_checksum_update(h, (const guchar *)&v, sizeof(v));
}

static void
key_str(GChecksum *h, const char *s)
{
	if (s == NULL) {
		key_long(h, -1);
		return;
	}
	key_long(h, (long)strlen(s));
	g_checksum_update(h, (const guchar *)s, (gssize)strlen(s));
}

static void
key_pred(GChecksum *h, const struct fig_pred *p)
{
	size_t i;

	if (p == NULL) {
		key_long(h, -1);
		return;
	}
	key_long(h, (long)p->type);
	key_long(h, p->value);
	key_long(h, p->lo);
	key_long(h, p->hi);
	key_long(h, (long)p->nkids);
	for (i = 0; i < p->nkids; i++)
		key_pred(h, p->kids[i]);
}

/* The figure definitions, whole (positions too: harmless). */
static void
key_set(GChecksum *h, const struct fig_set *s)
{
	size_t i, j;

	key_long(h, (long)s->ndefs);
	key_long(h, (long)s->nwords);
	for (i = 0; i < s->ndefs; i++) {
		const struct fig_def *d = &s->defs[i];

		key_str(h, d->name);
		key_long(h, d->unit);
		key_long(h, d->style);
		key_long(h, d->pop);
		key_long(h, d->sum);
		key_pred(h, d->where);
		key_pred(h, d->of);
		key_long(h, d->codes != NULL);
		for (j = 0; d->codes != NULL && j < s->nwords; j++)
			g_checksum_update(h, (const guchar *)&d->codes[j],
			    sizeof(d->codes[j]));
		key_long(h, d->group);
		key_long(h, d->public);
		key_long(h, d->nrclass);
		key_str(h, d->label);
		key_long(h, d->line);
		key_long(h, d->col);
	}
	key_long(h, (long)s->ngroups);
	for (i = 0; i < s->ngroups; i++)
		key_str(h, s->groups[i]);
	key_long(h, (long)s->nrels);
	for (i = 0; i < s->nrels; i++) {
		const struct fig_rel *r = &s->rels[i];

		key_long(h, r->op);
		key_long(h, (long)r->nterms);
		for (j = 0; j < r->nterms; j++) {
			key_long(h, r->fig[j]);
			key_long(h, r->coef[j]);
		}
		key_str(h, r->text);
	}
	key_long(h, s->deaths_fig);
	key_str(h, s->file);
}

/* The result fields of v, in the entry's order. */
static void
res_get(const struct fig_value *v, int64_t *r)
{
	r[0] = v->suppressed;
	r[1] = v->why;
	r[2] = v->den_hidden;
	r[3] = v->nr_hidden;
	r[4] = v->lo;
	r[5] = v->hi;
	r[6] = v->banded;
	r[7] = v->band_lo;
	r[8] = v->band_hi;
}

static void
res_set(struct fig_value *v, const int64_t *r)
{
	v->suppressed = (int)r[0];
	v->why = (int)r[1];
	v->den_hidden = (int)r[2];
	v->nr_hidden = (int)r[3];
	v->lo = (long)r[4];
	v->hi = (long)r[5];
	v->banded = (int)r[6];
	v->band_lo = (int)r[7];
	v->band_hi = (int)r[8];
}

/* One ledger whole, as the solve receives it. */
static void
key_ledger(GChecksum *h, const struct fig_ledger *l)
{
	int64_t r[CACHE_NRES];
	size_t i;

	key_long(h, l->lscb);
	key_long(h, (long)l->nvalues);
	key_long(h, l->suppressed_any);
	key_long(h, l->cases);
	key_long(h, l->children);
	key_long(h, l->deaths);
	key_long(h, l->out_of_period);
	for (i = 0; i < l->nvalues; i++) {
		const struct fig_value *v = &l->values[i];

		key_str(h, v->name);
		key_long(h, v->unit);
		key_long(h, v->style);
		key_long(h, v->num);
		key_long(h, v->den);
		key_long(h, v->percent);
		key_long(h, v->not_recorded);
		key_str(h, v->group);
		res_get(v, r);
		g_checksum_update(h, (const guchar *)r, sizeof(r));
	}
}

char *
fig_cache_entry_path(const struct fig_cache_q *q)
{
	if (cache_dir == NULL || !q->on)
		return NULL;
	return xasprintf("%s/%s%s", cache_dir, q->hex, CACHE_EXT);
}

/* The size of an entry of n ledgers holding nv values in all. */
static size_t
entry_size(size_t n, size_t nv)
{
	return 8 + 4 + 4 + 32 + 4 * n + 8 * CACHE_NRES * nv + 32;
}

/* Reads q's entry into led.  Returns 1 when used, 0 when there is none,
 * -1 when there is one that is damaged or does not match (why in *why). */
static int
entry_read(const struct fig_cache_q *q, struct fig_ledger *const *led,
    size_t n, const char **why)
{
	unsigned char sum[32];
	gsize dlen = sizeof(sum);
	GChecksum *h;
	char *path, *data = NULL;
	const char *p;
	size_t len, i, j, nv = 0;
	uint32_t u;
	int rc = -1;

	for (i = 0; i < n; i++)
		nv += led[i]->nvalues;
	path = fig_cache_entry_path(q);
	if ((rc = file_read_all(path, CACHE_MAX_BYTES, &data, &len)) != 0) {
		rc = errno == ENOENT && rc == -1 ? 0 : -1;
		*why = "cannot be read";
		goto out;
	}
	rc = -1;
	*why = "is damaged (its size)";
	if (len != entry_size(n, nv))
		goto out;
	*why = "is damaged (its checksum)";
	h = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(h, (const guchar *)data, (gssize)(len - 32));
	g_checksum_get_digest(h, sum, &dlen);
	g_checksum_free(h);
	if (memcmp(sum, data + len - 32, 32) != 0)
		goto out;
	*why = "is not one of this version";
	p = data;
	if (memcmp(p, CACHE_MAGIC, 8) != 0)
		goto out;
	memcpy(&u, p + 8, 4);
	if (u != FIG_CACHE_VERSION)
		goto out;
	*why = "does not match the solve asked";
	memcpy(&u, p + 12, 4);
	if (u != n || memcmp(p + 16, q->key, 32) != 0)
		goto out;
	p += 48;
	for (i = 0; i < n; i++, p += 4) {
		memcpy(&u, p, 4);
		if (u != led[i]->nvalues)
			goto out;
	}
	/* Whole and matching: only now is any ledger touched. */
	for (i = 0; i < n; i++)
		for (j = 0; j < led[i]->nvalues; j++) {
			int64_t r[CACHE_NRES];

			memcpy(r, p, sizeof(r));
			p += sizeof(r);
			res_set(&led[i]->values[j], r);
		}
	rc = 1;
	/* Used now: the last to be removed when the cache is full. */
	(void)utimensat(AT_FDCWD, path, NULL, 0);
out:
	free(data);
	free(path);
	return rc;
}

int
fig_cache_find(struct fig_cache_q *q, const struct fig_set *s,
    struct fig_ledger *const *led, size_t n, const char *step,
    const long *param, size_t nparam)
{
	static const char hexd[] = "0123456789abcdef";
	GChecksum *h;
	gsize dlen = sizeof(q->key);
	const char *why = NULL;
	char *path;
	size_t i;
	int rc;

	memset(q, 0, sizeof(*q));
	q->step = step;
	q->warned = fig_suppress_warned;
	if (cache_dir == NULL || !cache_exe_hash())
		return 0;
	h = g_checksum_new(G_CHECKSUM_SHA256);
	key_str(h, "scrpaper solve cache");
	key_long(h, FIG_CACHE_VERSION);
	key_long(h, (long)sizeof(long));
	g_checksum_update(h, cache_exe, sizeof(cache_exe));
	key_str(h, step);
	key_long(h, (long)nparam);
	for (i = 0; i < nparam; i++)
		key_long(h, param[i]);
	key_long(h, fig_suppress_joint);
	key_long(h, fig_suppress_complete);
	key_long(h, fig_suppress_cone);
	key_long(h, fig_suppress_batch);
	key_long(h, fig_suppress_retract);
	key_set(h, s);
	key_long(h, (long)n);
	for (i = 0; i < n; i++)
		key_ledger(h, led[i]);
	g_checksum_get_digest(h, q->key, &dlen);
	g_checksum_free(h);
	for (i = 0; i < 32; i++) {
		q->hex[2 * i] = hexd[q->key[i] >> 4];
		q->hex[2 * i + 1] = hexd[q->key[i] & 15];
	}
	q->hex[64] = '\0';
	q->on = 1;

	rc = entry_read(q, led, n, &why);
	if (rc < 0) {
		path = fig_cache_entry_path(q);
		fprintf(stderr, "scrpaper: warning: --cache: %s %s; ignored, "
		    "solving again\n", path, why);
		free(path);
		fig_cache_stats.damaged++;
	}
	if (rc == 1)
		fig_cache_stats.hits++;
	else
		fig_cache_stats.misses++;
	if (cache_verbose())
		fprintf(stderr, "scrpaper: solve cache: %s %s %.12s\n",
		    rc == 1 ? "hit" : "miss", step, q->hex);
	return rc == 1;
}

/* The entries of the cache folder, oldest use first, to remove. */
struct cache_ent {
	char	*name;
	time_t	 sec;
	long	 nsec;
};

static int
cache_ent_cmp(const void *a, const void *b)
{
	const struct cache_ent *x = a, *y = b;

	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	if (x->nsec != y->nsec)
		return x->nsec < y->nsec ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Keeps at most FIG_CACHE_MAX entries, removing the least recently
 * used; names other than KEY.solve are left alone (the temporary files
 * are file_write_atomic()'s to clean). */
static void
cache_prune(void)
{
	struct cache_ent *e = NULL;
	struct dirent *de;
	struct stat sb;
	size_t n = 0, i, len;
	char *path;
	DIR *d;

	if ((d = opendir(cache_dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len != 64 + strlen(CACHE_EXT) ||
		    strcmp(de->d_name + 64, CACHE_EXT) != 0 ||
		    strspn(de->d_name, "0123456789abcdef") != 64)
			continue;
		path = xasprintf("%s/%s", cache_dir, de->d_name);
		if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
			e = xreallocarray(e, n + 1, sizeof(*e));
			e[n].name = path;
			e[n].sec = sb.st_mtim.tv_sec;
			e[n].nsec = sb.st_mtim.tv_nsec;
			n++;
		} else
			free(path);
	}
	closedir(d);
	if (n > FIG_CACHE_MAX) {
		qsort(e, n, sizeof(*e), cache_ent_cmp);
		for (i = 0; i < n - FIG_CACHE_MAX; i++)
			(void)unlink(e[i].name);
	}
	for (i = 0; i < n; i++)
		free(e[i].name);
	free(e);
}

void
fig_cache_keep(const struct fig_cache_q *q, struct fig_ledger *const *led,
    size_t n)
{
	unsigned char sum[32];
	gsize dlen = sizeof(sum);
	GChecksum *h;
	char *data, *p, *path;
	size_t i, j, nv = 0, len;
	uint32_t u;

	if (!q->on || cache_dir == NULL)
		return;
	/* A solve that warned is solved again, and warns again, each run. */
	if (fig_suppress_warned != q->warned)
		return;
	for (i = 0; i < n; i++)
		nv += led[i]->nvalues;
	len = entry_size(n, nv);
	if (len > CACHE_MAX_BYTES)
		return;
	p = data = xmalloc(len);
	memcpy(p, CACHE_MAGIC, 8);
	u = FIG_CACHE_VERSION;
	memcpy(p + 8, &u, 4);
	u = (uint32_t)n;
	memcpy(p + 12, &u, 4);
	memcpy(p + 16, q->key, 32);
	p += 48;
	for (i = 0; i < n; i++, p += 4) {
		u = (uint32_t)led[i]->nvalues;
		memcpy(p, &u, 4);
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < led[i]->nvalues; j++) {
			int64_t r[CACHE_NRES];

			res_get(&led[i]->values[j], r);
			memcpy(p, r, sizeof(r));
			p += sizeof(r);
		}
	h = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(h, (const guchar *)data, (gssize)(len - 32));
	g_checksum_get_digest(h, sum, &dlen);
	g_checksum_free(h);
	memcpy(p, sum, 32);

	path = fig_cache_entry_path(q);
	if (file_write_atomic_mode(path, data, len, 0600) != 0) {
		if (!cache_said_write)
			fprintf(stderr, "scrpaper: warning: --cache: %s: %s; "
			    "the solve is not kept\n", path, strerror(errno));
		cache_said_write = 1;
	} else {
		fig_cache_stats.written++;
		cache_prune();
	}
	free(path);
	free(data);
}
