import Foundation

/// The calling thread's CPU time and context switches (`getrusage(RUSAGE_THREAD)`,
/// https://man7.org/linux/man-pages/man2/getrusage.2.html), for `skymesh bench soak`: a `consume` call during which
/// the thread switched out voluntarily blocked (on a lock); one that was switched out involuntarily was preempted.
struct ThreadUsage {
    /// User and system CPU time.
    var cpu = Duration.zero
    /// Voluntary context switches (the thread waited: a lock, I/O).
    var voluntarySwitches = 0
    /// Involuntary context switches (the scheduler preempted the thread).
    var involuntarySwitches = 0

    /// The calling thread's usage so far; zero where `RUSAGE_THREAD` does not exist.
    static func current() -> ThreadUsage {
        #if canImport(Glibc)
            var usage = rusage()
            // 1 is RUSAGE_THREAD, which Glibc's overlay does not export.
            guard getrusage(__rusage_who_t(1), &usage) == 0 else { return ThreadUsage() }
            let cpu =
                Duration.seconds(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                + .microseconds(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
            return ThreadUsage(
                cpu: cpu, voluntarySwitches: usage.ru_nvcsw, involuntarySwitches: usage.ru_nivcsw)
        #else
            return ThreadUsage()
        #endif
    }
}
