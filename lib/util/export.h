/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_UTIL_EXPORT_H
#define NDKIT_UTIL_EXPORT_H
/* Makes a function visible outside its library; the .sym version scripts name each one. */
#define LIB_EXPORT __attribute__((visibility("default")))

/*
 * A public getter that does nothing but return one member of its object. Upstream's API has
 * many of these in both libraries; one definition of their shape keeps the .c files for the
 * getters that do something. tests/unit/check-symbols.py counts each use as a definition.
 */
#define LIB_MEMBER_GETTER(ret, name, type, member)	\
	LIB_EXPORT ret name(type *obj)			\
	{						\
		return obj->member;			\
	}

#endif
