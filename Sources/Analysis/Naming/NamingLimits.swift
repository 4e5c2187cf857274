/// The bounds on naming and grouping configuration (als-mxmesh.md §3.1, §4.5).
///
/// Configuration is trusted more than traffic, but a typo (an unclosed quote, a pasted file) should fail with a
/// message, not make every entry slow.
package struct NamingLimits: Sendable, Equatable {
    /// The longest mapping template, in UTF-8 bytes.
    package var maxTemplateLength: Int = 1024
    /// The most `${…}` placeholders in one template.
    package var maxPlaceholders: Int = 32
    /// The most candidate paths in one placeholder.
    package var maxCandidates: Int = 32
    /// The most segments in one candidate path.
    package var maxPathSegments: Int = 16
    /// The largest configuration text accepted, in UTF-8 bytes.
    package var maxConfigurationBytes: Int = 1024 * 1024
    /// The most grouping rules over all services.
    package var maxGroupingRules: Int = 10_000
    /// The longest grouping regex, in UTF-8 bytes.
    package var maxRegexLength: Int = 4096

    /// Creates the default limits.
    package init() {}
}
