#pragma once
// Linux system interfaces Glibc's Swift overlay does not export: epoll (epoll(7)), eventfd (eventfd(2)), the
// socket calls, accept4 (accept(2)), which sets O_NONBLOCK and O_CLOEXEC atomically on the new socket, and
// glibc's allocator statistics and trimming (mallinfo2(3), malloc_trim(3)).
//
// _GNU_SOURCE must not be defined here: it changes glibc's struct definitions, and clang then refuses to merge
// them with the same headers as other modules (Dispatch) import them. accept4 is declared by hand instead;
// its ABI is fixed (socklen_t is an unsigned int on Linux).
#include <malloc.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

struct sockaddr;
extern int accept4(int fd, struct sockaddr *address, unsigned int *length, int flags);

static inline int skymesh_accept4(int listener, int flags) {
    return accept4(listener, (struct sockaddr *)0, (unsigned int *)0, flags);
}
