private import COpenSSL

/// Reads OpenSSL memory BIOs (`BIO_s_mem`), the in-memory byte queues the TLS files use instead of sockets: the
/// ciphertext a session writes, and the PEM or RFC 2253 text a writer function prints.
enum MemoryBIO {
    /// Removes and returns every byte pending in the memory BIO `bio` (`BIO_ctrl_pending`, then one `BIO_read_ex`
    /// of that many bytes): empty when none are pending, `nil` when the read fails.
    static func takeAll(from bio: OpaquePointer) -> [UInt8]? {
        let count = Int(BIO_ctrl_pending(bio))
        guard count > 0 else { return [] }
        var succeeded = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var read = 0
            succeeded = buffer.baseAddress.map { BIO_read_ex(bio, $0, count, &read) == 1 } ?? false
            initialized = succeeded ? read : 0
        }
        return succeeded ? bytes : nil
    }
}
