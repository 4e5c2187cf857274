/// The analysis stage: turns decoded access-log entries into SkyWalking mesh metrics (mx-mesh).
///
/// This module is filled by the analysis issue; until then it only names itself so the module graph
/// (Receiver → Analysis → Storage → Query) is in place and documented in ARCHITECTURE.md.
public enum Analysis {
    /// The analyzers this build knows, in the order OAP's `alsHTTPAnalysis` setting names them.
    public static let knownAnalyzers: [String] = []
}
