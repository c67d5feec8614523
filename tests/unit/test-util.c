// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdlib.h>
#include "test.h"
#include "util/size.h"
#include "util/log.h"
#include "util/modprobe.h"

static void test_parse_size(void)
{
	uint64_t v = 0;

	CHECK(parse_size("4096", &v) == 0); CHECK_EQ_U64(v, 4096);
	CHECK(parse_size("0x1000", &v) == 0); CHECK_EQ_U64(v, 4096);
	CHECK(parse_size("2M", &v) == 0); CHECK_EQ_U64(v, SZ_2M);
	CHECK(parse_size("2MiB", &v) == 0); CHECK_EQ_U64(v, SZ_2M);
	CHECK(parse_size("128k", &v) == 0); CHECK_EQ_U64(v, SZ_128K);
	CHECK(parse_size("1G", &v) == 0); CHECK_EQ_U64(v, SZ_1G);
	CHECK(parse_size("1t", &v) == 0); CHECK_EQ_U64(v, 1ULL << 40);
	CHECK(parse_size("", &v) == -EINVAL);
	CHECK(parse_size("-1", &v) == -EINVAL);
	CHECK(parse_size("12Q", &v) == -EINVAL);
	CHECK(parse_size("M", &v) == -EINVAL);
	CHECK(parse_size("99999999999999999999", &v) == -ERANGE);
	CHECK(parse_size("17179869184T", &v) == -ERANGE);
	CHECK(parse_size("18446744073709551615", &v) == 0); CHECK_EQ_U64(v, UINT64_MAX);
	CHECK(parse_size("18446744073709551616", &v) == -ERANGE);
	CHECK(parse_size("0xffffffffffffffff", &v) == 0); CHECK_EQ_U64(v, UINT64_MAX);
	CHECK(parse_size("0x10000000000000000", &v) == -ERANGE);
	CHECK(parse_size("0", &v) == 0); CHECK_EQ_U64(v, 0);
	CHECK(parse_size("0K", &v) == 0); CHECK_EQ_U64(v, 0);
	/* no octal, blanks or signs: strtoull would take all of these */
	CHECK(parse_size("0100K", &v) == -EINVAL);
	CHECK(parse_size("010", &v) == -EINVAL);
	CHECK(parse_size(" -1", &v) == -EINVAL);
	CHECK(parse_size(" 4096", &v) == -EINVAL);
	CHECK(parse_size("+4096", &v) == -EINVAL);
	CHECK(parse_size("4096 ", &v) == -EINVAL);
	CHECK(parse_size("\t1M", &v) == -EINVAL);
	CHECK(parse_size("0x", &v) == -EINVAL);
	CHECK(parse_size("0x-1", &v) == -EINVAL);
	CHECK(parse_size("1.5M", &v) == -EINVAL);
	CHECK(parse_size(NULL, &v) == -EINVAL);
}

static void test_format_size(void)
{
	char buf[64];

	CHECK_EQ_STR(format_size_human(268435456, buf, sizeof(buf)), "256.00 MiB (268.44 MB)");
	CHECK_EQ_STR(format_size_human(512, buf, sizeof(buf)), "512");
	/* as upstream: MiB up to 2 GiB, units paired (seen in a guest) */
	CHECK_EQ_STR(format_size_human(1071644672, buf, sizeof(buf)), "1022.00 MiB (1071.64 MB)");
	CHECK_EQ_STR(format_size_human(16777216, buf, sizeof(buf)), "16.00 MiB (16.78 MB)");
	CHECK_EQ_STR(format_size_short(SZ_2M, buf, sizeof(buf)), "2M");
	CHECK_EQ_STR(format_size_short(SZ_128K, buf, sizeof(buf)), "128K");
	CHECK_EQ_STR(format_size_short(SZ_1G, buf, sizeof(buf)), "1G");
	CHECK_EQ_STR(format_size_short(4097, buf, sizeof(buf)), "4097");
	CHECK(is_power_of_2(SZ_2M) && !is_power_of_2(0) && !is_power_of_2(3 * SZ_2M));
	CHECK_EQ_U64(ALIGN_UP(SZ_2M + 1, SZ_2M), 2 * SZ_2M);
	CHECK_EQ_U64(ALIGN_DOWN(SZ_2M + 1, SZ_2M), SZ_2M);
}

static void test_log_priority(void)
{
	CHECK(log_priority_from_string("debug") == LOG_DEBUG);
	CHECK(log_priority_from_string("info") == LOG_INFO);
	CHECK(log_priority_from_string("err") == LOG_ERR);
	CHECK(log_priority_from_string("7") == 7);
	CHECK(log_priority_from_string("loud") == -1);
	CHECK(log_priority_from_string(NULL) == -1);
}

static char captured[1024];

__attribute__((format(printf, 6, 0)))
static void log_capture(struct log_ctx *log, int priority, const char *file,
		int line, const char *fn, const char *format, va_list args)
{
	size_t used = strlen(captured);

	vsnprintf(captured + used, sizeof(captured) - used, format, args);
}

/* libkmod is opened on demand: a missing library is an error that says what to install. */
static void test_modprobe_library(void)
{
	struct log_ctx log;

	log_init(&log, "test", "NDKIT_TEST_LOG");
	log.fn = log_capture;
	captured[0] = '\0';
	CHECK(modprobe_try_library(&log, "libndkit-test-no-such-kmod.so.2") == -ENOSYS);
	CHECK(strstr(captured, "libndkit-test-no-such-kmod.so.2") != NULL);
	CHECK(strstr(captured, "install libkmod2") != NULL);
	/* the build needs libkmod-dev, so the real library is there and has every symbol */
	captured[0] = '\0';
	CHECK(modprobe_try_library(&log, MODPROBE_LIBKMOD) == 0);
	CHECK_EQ_STR(captured, "");
	/* nothing failed to open yet in this process, so nothing to explain */
	CHECK(!modprobe_explain_failure(&log));
}

int main(void)
{
	test_parse_size();
	test_format_size();
	test_log_priority();
	test_modprobe_library();
	return test_done("test-util");
}
