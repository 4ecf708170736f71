#ifndef FOYER_CMALLOCTUNING_H
#define FOYER_CMALLOCTUNING_H

#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

/// Caps glibc's heap arenas at `count`; does nothing where the C library has no such setting.
static inline void foyer_limit_malloc_arenas(int count) {
#if defined(M_ARENA_MAX)
    mallopt(M_ARENA_MAX, count);
#else
    (void)count;
#endif
}

#endif
