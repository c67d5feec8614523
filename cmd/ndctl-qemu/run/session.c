// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
/*
 * What every part of `ndctl-qemu run` shares (session.h): argv lists,
 * the clock and the progress lines. Below the command and the guest, VM,
 * preload and nfit_test parts, so that none of them needs another's file.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "session.h"

int strv_add(struct strv *s, const char *str)
{
	if (s->n + 2 > s->cap) {
		int cap = s->cap ? 2 * s->cap : 64;
		char **v = realloc(s->v, cap * sizeof(*v));

		if (!v)
			return -1;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n] = strdup(str);
	if (!s->v[s->n])
		return -1;
	s->v[++s->n] = NULL;
	return 0;
}

int strv_addf(struct strv *s, const char *fmt, ...)
{
	va_list ap;
	char *str;
	int rc;

	va_start(ap, fmt);
	rc = vasprintf(&str, fmt, ap);
	va_end(ap);
	if (rc < 0)
		return -1;
	rc = strv_add(s, str);
	free(str);
	return rc;
}

void strv_free(struct strv *s)
{
	for (int i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	*s = (struct strv){ 0 };
}

double run_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void run_progress(const struct run *r, const char *fmt, ...)
{
	va_list ap;

	if (r->quiet)
		return;
	fprintf(stderr, "ndctl-qemu run: %5.1f s: ", run_now() - r->t0);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
