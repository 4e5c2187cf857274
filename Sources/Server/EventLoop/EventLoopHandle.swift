private import CLinux
import Glibc
import Synchronization

/// The thread-safe face of an ``EventLoop``: other threads post jobs to it and wake it through an `eventfd`.
///
/// This is the only way into a loop from outside its thread. A job is a `@Sendable` closure that receives the
/// loop (which is not `Sendable`) on the loop's own thread, so loop state is never touched concurrently.
package final class EventLoopHandle: Sendable {
    /// The loop's position in its group (also in its thread's name).
    package let index: Int
    /// The `eventfd` the loop polls; writing to it wakes the loop.
    let wakeDescriptor: Int32
    private let mailbox = Mutex<[@Sendable (EventLoop) -> Void]>([])

    /// Creates the handle and its `eventfd`.
    /// - Throws: ``SocketError`` when the kernel refuses the `eventfd`.
    init(index: Int) throws(SocketError) {
        let fd = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard fd >= 0 else { throw .fromErrno("eventfd") }
        self.index = index
        self.wakeDescriptor = fd
    }

    deinit {
        Socket.close(self.wakeDescriptor)
    }

    /// Runs `job` on the loop's thread at its next wake-up.
    package func execute(_ job: @escaping @Sendable (EventLoop) -> Void) {
        let wasEmpty = self.mailbox.withLock { jobs in
            jobs.append(job)
            return jobs.count == 1
        }
        if wasEmpty {
            var one: UInt64 = 1
            _ = Glibc.write(self.wakeDescriptor, &one, MemoryLayout<UInt64>.size)
        }
    }

    /// Takes every posted job (called by the loop after draining the `eventfd`).
    func takeJobs() -> [@Sendable (EventLoop) -> Void] {
        var counter: UInt64 = 0
        _ = Glibc.read(self.wakeDescriptor, &counter, MemoryLayout<UInt64>.size)
        return self.mailbox.withLock { jobs in
            defer { jobs.removeAll(keepingCapacity: true) }
            return jobs
        }
    }
}
