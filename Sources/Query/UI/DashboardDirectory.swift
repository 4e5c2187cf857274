import Foundation

/// Reads a directory laid out like OAP's `ui-initialized-templates`: every `*.json` file below it, at any depth
/// (OAP has one folder per layer: `general/`, `mesh/`, `k8s/`…), in path order. Other files (OAP's `menu.yaml`) and
/// hidden files and folders are skipped.
package enum DashboardDirectory {
    /// The templates of every `*.json` file below `path`, each file parsed by ``DashboardTemplateParser``.
    /// - Throws: ``QueryError/invalidTemplates(source:reason:)`` when `path` is not a readable directory, holds no
    ///   template file or more than `limits.maxFiles`, or a file is larger than `limits.maxFileBytes`, unreadable or
    ///   malformed.
    package static func load(
        _ path: String, limits: DashboardTemplateLimits, maxTemplateBytes: Int
    ) throws(QueryError) -> [DashboardTemplate] {
        var templates: [DashboardTemplate] = []
        for file in try self.files(in: path, limits: limits) {
            let bytes: [UInt8]
            do {
                bytes = Array(try Data(contentsOf: file, options: .mappedIfSafe))
            } catch {
                throw .invalidTemplates(source: file.path, reason: "cannot be read (\(error.localizedDescription))")
            }
            guard bytes.count <= limits.maxFileBytes else {
                throw .invalidTemplates(
                    source: file.path, reason: "has \(bytes.count) bytes, more than \(limits.maxFileBytes)")
            }
            templates += try DashboardTemplateParser.parse(
                bytes, source: file.path, limits: limits, maxTemplateBytes: maxTemplateBytes)
        }
        return templates
    }

    /// The `*.json` files below `path`, in path order.
    private static func files(in path: String, limits: DashboardTemplateLimits) throws(QueryError) -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .invalidTemplates(source: path, reason: "is not a directory")
        }
        let root = URL(fileURLWithPath: path, isDirectory: true)
        let keys: Set<URLResourceKey> = [.isRegularFileKey, .fileSizeKey]
        guard
            let walk = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: Array(keys), options: [.skipsHiddenFiles])
        else {
            throw .invalidTemplates(source: path, reason: "cannot be listed")
        }
        var files: [URL] = []
        for case let url as URL in walk where url.pathExtension == "json" {
            let values = try? url.resourceValues(forKeys: keys)
            guard values?.isRegularFile == true else { continue }
            if let size = values?.fileSize, size > limits.maxFileBytes {
                throw .invalidTemplates(source: url.path, reason: "has \(size) bytes, more than \(limits.maxFileBytes)")
            }
            files.append(url)
            guard files.count <= limits.maxFiles else {
                throw .invalidTemplates(source: path, reason: "holds more than \(limits.maxFiles) *.json files")
            }
        }
        guard !files.isEmpty else {
            throw .invalidTemplates(source: path, reason: "holds no *.json template file")
        }
        return files.sorted { $0.path < $1.path }
    }
}
