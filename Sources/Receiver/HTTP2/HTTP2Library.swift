private import CNGHTTP2

/// Facts about the nghttp2 library skymesh is linked against, for `skymesh version` and the startup log.
public enum HTTP2Library {
    /// The runtime version of libnghttp2 (`nghttp2_version`), e.g. `1.52.0`.
    public static var version: String {
        guard let info = nghttp2_version(0), let text = info.pointee.version_str else { return "unknown" }
        return String(cString: text)
    }
}
