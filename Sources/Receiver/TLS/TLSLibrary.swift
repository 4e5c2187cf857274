private import COpenSSL

/// Facts about the OpenSSL library skymesh is linked against, for `skymesh version` and the startup log.
public enum TLSLibrary {
    /// The runtime version text of OpenSSL (`OpenSSL_version(OPENSSL_VERSION)`), e.g. `OpenSSL 3.0.17 ...`.
    public static var version: String {
        guard let text = OpenSSL_version(OPENSSL_VERSION) else { return "unknown" }
        return String(cString: text)
    }
}
