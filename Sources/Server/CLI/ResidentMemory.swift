import Foundation

#if canImport(Glibc)
    private import CLinux
#endif

/// The process's resident memory, for `skymesh bench soak`.
enum ResidentMemory {
    /// Resident set size now (`/proc/self/statm`, https://man7.org/linux/man-pages/man5/proc_pid_statm.5.html),
    /// in MiB; 0 where that file does not exist.
    static func currentMegabytes() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    /// Bytes the C allocator has handed out and not had back (`mallinfo2`'s `uordblks`), in MiB: the live heap, as
    /// opposed to resident pages the allocator keeps.
    static func mallocInUseMegabytes() -> Double {
        #if canImport(Glibc)
            return Double(mallinfo2().uordblks) / 1_048_576
        #else
            return 0
        #endif
    }

    /// The largest resident set size so far (`getrusage`'s `ru_maxrss`, KiB on Linux), in MiB.
    static func peakMegabytes() -> Double {
        #if canImport(Glibc)
            var usage = rusage()
            guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
            return Double(usage.ru_maxrss) / 1024
        #else
            return 0
        #endif
    }
}
