// SPDX-License-Identifier: GPL-2.0-only
/*
 * Plain driver for the text fuzz targets (JSON option values, domain XML),
 * for any compiler: every seed file of the given folders as is, cut at each
 * of a few lengths, and a fixed number of deterministic mutations that put
 * the characters the parsers decide on ({}[]",:<>/='&; digits, units) at
 * random places, or drop or repeat a random span.
 * Usage: fuzz-text-driver [-n MUTATIONS] DIR|FILE...
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t state = 0x2545f4914f6cdd1dull;

static uint64_t rnd(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545f4914f6cdd1dull;
}

static const char structural[] = "{}[]\",:<>/='&;#\\ \n0123456789kKMGiBb-.x";

/* One mutation of @in into @out (room for 2 * @len + 16), returning its length. */
static size_t mutate_text(const uint8_t *in, size_t len, uint8_t *out)
{
	size_t a = len ? rnd() % len : 0, b = len ? a + rnd() % (len - a + 1) : 0;

	memcpy(out, in, len);
	switch (rnd() % 4) {
	case 0:		/* one structural character */
		if (len)
			out[a] = structural[rnd() % (sizeof(structural) - 1)];
		return len;
	case 1:		/* drop [a, b) */
		memmove(out + a, in + b, len - b);
		return len - (b - a);
	case 2:		/* repeat [a, b) */
		memcpy(out + b, in + a, b - a);
		memcpy(out + b + (b - a), in + b, len - b);
		return len + (b - a);
	default:	/* a random byte */
		if (len)
			out[a] = (uint8_t)rnd();
		return len;
	}
}

static unsigned run_file(const char *path, unsigned mutations)
{
	static const size_t cuts[] = { 0, 1, 2, 7, 16, 64, 200, 1000 };
	FILE *f = fopen(path, "rb");
	uint8_t *seed = malloc(1 << 20), *buf, *buf2;
	size_t len = f && seed ? fread(seed, 1, 1 << 20, f) : 0;
	unsigned runs = 0;

	if (f)
		fclose(f);
	buf = malloc(4 * len + 48);	/* two mutations may each double the length */
	buf2 = malloc(4 * len + 48);
	if (!f || !seed || !buf || !buf2) {
		fprintf(stderr, "%s: cannot read\n", path);
		exit(1);
	}
	LLVMFuzzerTestOneInput(seed, len), runs++;
	for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]) && cuts[i] < len; i++)
		LLVMFuzzerTestOneInput(seed, cuts[i]), runs++;
	for (unsigned i = 0; i < mutations; i++, runs++) {
		size_t n = mutate_text(seed, len, buf);
		uint8_t *in = buf;

		if (rnd() % 3 == 0) {	/* a second mutation on top */
			n = mutate_text(buf, n, buf2);
			in = buf2;
		}
		LLVMFuzzerTestOneInput(in, n);
	}
	printf("%s: %zu bytes, %u runs\n", path, len, runs);
	free(seed);
	free(buf);
	free(buf2);
	return runs;
}

static unsigned run_path(const char *path, unsigned mutations)
{
	struct dirent **ents;
	struct stat st;
	unsigned runs = 0;
	int n;

	if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return run_file(path, mutations);
	n = scandir(path, &ents, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		char *p;

		if (ents[i]->d_name[0] != '.' && asprintf(&p, "%s/%s", path, ents[i]->d_name) >= 0) {
			runs += run_file(p, mutations);
			free(p);
		}
		free(ents[i]);
	}
	free(ents);
	return runs;
}

int main(int argc, char **argv)
{
	unsigned mutations = 500, runs = 0;
	int opt;

	while ((opt = getopt(argc, argv, "n:")) != -1)
		mutations = (unsigned)strtoul(optarg, NULL, 0);
	for (int i = optind; i < argc; i++)
		runs += run_path(argv[i], mutations);
	printf("%u inputs run\n", runs);
	return runs ? 0 : 1;
}
