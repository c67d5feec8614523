// SPDX-License-Identifier: GPL-2.0-only
/*
 * Plain driver for the fuzz target (any compiler, meant for ASan/UBSan
 * builds): each seed as is, truncated at interesting sizes, and a fixed
 * number of deterministic mutations (xorshift), biased towards the index
 * blocks and the first label slots where the parser's decisions are.
 * Usage: fuzz-NAME-driver [-n MUTATIONS] [-x SUFFIX] DIR|FILE...
 * (*.gz are gunzipped; in a DIR, the files ending in SUFFIX, default all)
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fuzz-lsa.h"

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static const char *suffix = "";

static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint8_t *read_input(const char *path, size_t *size)
{
	size_t len = strlen(path), cap = 1 << 20, n;
	char *cmd;
	FILE *f;
	uint8_t *buf = malloc(cap);
	bool gz = len > 3 && !strcmp(path + len - 3, ".gz");

	if (!buf || asprintf(&cmd, gz ? "gzip -dc '%s'" : "cat '%s'", path) < 0)
		return NULL;
	f = popen(cmd, "r");
	free(cmd);
	*size = 0;
	while (f && (n = fread(buf + *size, 1, cap - *size, f)) > 0) {
		*size += n;
		if (*size == cap)
			buf = realloc(buf, cap *= 2);
	}
	if (!f || pclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void mutate(uint8_t *buf, size_t size)
{
	unsigned k, flips = 1 + next_rand() % 8;

	for (k = 0; k < flips && size; k++) {
		uint64_t r = next_rand();
		/* half of the time the first 8 KiB (indexes, first slots), else anywhere */
		size_t span = (r & 1) && size > 8192 ? 8192 : size;
		size_t off = (size_t)(next_rand() % span);

		switch ((r >> 1) % 4) {
		case 0: buf[off] ^= (uint8_t)(1u << (r >> 8) % 8); break;
		case 1: buf[off] = (uint8_t)(r >> 16); break;
		case 2: buf[off] = (r >> 16) & 1 ? 0xff : 0; break;
		default: buf[off] = (uint8_t)(buf[off] + 1); break;
		}
	}
}

static unsigned run_seed(const uint8_t *seed, size_t size, unsigned mutations)
{
	static const size_t cuts[] = { 0, 1, 71, 72, 255, 256, 511, 512, 1024, 4096, 65536, 131071 };
	uint8_t *buf = malloc(size ? size : 1);
	unsigned i, runs = 0;

	LLVMFuzzerTestOneInput(seed, size);
	for (i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++, runs++)
		if (cuts[i] <= size)
			LLVMFuzzerTestOneInput(seed, cuts[i]);
	for (i = 0; i < mutations; i++, runs++) {
		size_t len = size;

		memcpy(buf, seed, size);
		mutate(buf, size);
		if (next_rand() % 8 == 0)
			len = (size_t)(next_rand() % (size + 1));
		LLVMFuzzerTestOneInput(buf, len);
	}
	free(buf);
	return runs + 1;
}

static unsigned run_path(const char *path, unsigned mutations);

static unsigned run_dir(const char *dir, unsigned mutations)
{
	struct dirent **ents;
	unsigned runs = 0;
	int n = scandir(dir, &ents, NULL, alphasort), i;

	for (i = 0; i < n; i++) {
		size_t len = strlen(ents[i]->d_name);
		char *p;

		if (ents[i]->d_name[0] != '.' && len >= strlen(suffix) &&
		    !strcmp(ents[i]->d_name + len - strlen(suffix), suffix) &&
		    asprintf(&p, "%s/%s", dir, ents[i]->d_name) >= 0) {
			runs += run_path(p, mutations);
			free(p);
		}
		free(ents[i]);
	}
	free(ents);
	return runs;
}

static unsigned run_path(const char *path, unsigned mutations)
{
	size_t size;
	uint8_t *seed;
	unsigned runs;
	struct stat st;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return run_dir(path, mutations);
	seed = read_input(path, &size);
	if (!seed) {
		fprintf(stderr, "%s: cannot read\n", path);
		exit(1);
	}
	runs = run_seed(seed, size, mutations);
	printf("%s: %zu bytes, %u runs\n", path, size, runs);
	free(seed);
	return runs;
}

int main(int argc, char **argv)
{
	unsigned mutations = 300, runs = 0;
	int opt, i;

	while ((opt = getopt(argc, argv, "n:x:")) != -1) {
		if (opt == 'n')
			mutations = (unsigned)strtoul(optarg, NULL, 0);
		else if (opt == 'x')
			suffix = optarg;
		else
			return 2;
	}
	for (i = optind; i < argc; i++)
		runs += run_path(argv[i], mutations);
	printf("%u inputs run\n", runs);
	return runs ? 0 : 1;
}
