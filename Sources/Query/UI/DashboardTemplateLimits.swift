/// Bounds on the dashboard templates read at startup (skymesh's own and a `--ui-templates` directory's), so a
/// wrong directory (a home directory, a data volume) fails fast with a clear message instead of being read whole.
package struct DashboardTemplateLimits: Sendable, Equatable {
    /// `*.json` files a template directory may hold (OAP's own `ui-initialized-templates` has about 150).
    package var maxFiles: Int = 1_000
    /// Bytes one template file may have (OAP's largest is about 100 KB).
    package var maxFileBytes: Int = 4 << 20
    /// Templates all files together may define.
    package var maxTemplates: Int = 2_000
    /// Deepest nesting of arrays and objects in a file (tabs inside a dashboard are four levels deep).
    package var maxDepth: Int = 64

    /// The defaults above.
    package init() {}
}
