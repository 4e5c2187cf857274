#pragma once
// Linux system interfaces Glibc's Swift overlay does not export: epoll (epoll(7)), eventfd (eventfd(2)) and
// accept4 (accept(2), a GNU extension that sets O_NONBLOCK and O_CLOEXEC atomically on the new socket).
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <stddef.h>

static inline int skymesh_accept4(int listener, int flags) {
    return accept4(listener, NULL, NULL, flags);
}
